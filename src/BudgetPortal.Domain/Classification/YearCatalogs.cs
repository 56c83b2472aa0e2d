namespace BudgetPortal.Domain.Classification;

/// <summary>The two catalogs a disclosure's codes are read against: 功能分类 (表2, 表3, 表5, 表7) and 经济分类 (表6).</summary>
public sealed record YearCatalogs(ClassificationCatalog Functional, ClassificationCatalog Economic)
{
    public ClassificationCatalog For(ClassificationScheme scheme) =>
        scheme == ClassificationScheme.Economic ? Economic : Functional;
}

namespace BudgetPortal.Web.Classification;

/// <summary>
/// The years with a loaded catalog and each scheme's count (Pages/Shared/_CatalogYears.cshtml), on the
/// public 分类科目目录 page (with a caption) and the administrators' (under their own heading).
/// </summary>
public sealed record CatalogYearsView(IReadOnlyList<LoadedCatalog> Loaded, string Label, bool Caption);

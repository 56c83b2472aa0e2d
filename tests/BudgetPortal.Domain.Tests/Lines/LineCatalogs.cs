using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tests.Classification;

namespace BudgetPortal.Domain.Tests.Lines;

/// <summary>
/// The 2025 catalogs of seeds/classification, with a 款 of each economic 类 the seed catalog lists without
/// any (307 … 399: the seeds' budgets have none, but 表7 has a column for each and 表10 a line for 31013).
/// </summary>
public static class LineCatalogs
{
    public static readonly IReadOnlyList<(string Code, string Name)> ExtraEconomic =
    [
        ("30701", "国内债务付息"), ("30902", "办公设备购置"), ("31002", "办公设备购置"), ("31013", "公务用车购置"),
        ("31101", "资本金注入"), ("31204", "费用补贴"), ("31301", "对社会保险基金补助"), ("39999", "其他支出"),
    ];

    public static YearCatalogs For2025 { get; } = new(
        SeedCatalogs.Catalog(ClassificationScheme.Functional, 2025),
        new ClassificationCatalog(ClassificationScheme.Economic, 2025,
            [.. SeedCatalogs.Read(ClassificationScheme.Economic, 2025), .. ExtraEconomic.Select(e => new ClassificationCode(ClassificationScheme.Economic, 2025, e.Code, e.Name))],
            SeedCatalogs.Read(ClassificationScheme.Economic, 2024)));
}

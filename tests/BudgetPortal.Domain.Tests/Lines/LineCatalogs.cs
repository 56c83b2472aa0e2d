using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tests.Classification;

namespace BudgetPortal.Domain.Tests.Lines;

/// <summary>
/// The 2025 catalogs of seeds/classification (the economic one lists 款 under every 类, 307 … 399 too, since 表7
/// has a column for each and 表10 a line for 31013), the previous year's as last year's.
/// </summary>
public static class LineCatalogs
{
    public static YearCatalogs For2025 { get; } = SeedCatalogs.For(2025);
}

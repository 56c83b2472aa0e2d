using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Comparisons;

/// <summary>A department's figures for the ranking of one year, each from the table that states it.</summary>
public sealed record RankingRow(string Code, string Name, DateTimeOffset? PublishedAt, int Version, decimal Total, decimal ThreePublic, decimal Overseas, decimal VehiclePurchase,
    decimal VehicleOperation, decimal Reception, decimal RunningCosts, int Staff)
{
    public decimal? PerPerson => Staff > 0 ? Math.Round(Total / Staff, 2, MidpointRounding.AwayFromZero) : null;
    public decimal? ThreePublicPerPerson => Staff > 0 ? Math.Round(ThreePublic / Staff, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>The tables the ranking reads (with the overview's staff).</summary>
    private static readonly TableKind[] Tables = [TableKind.IncomeAndExpenditure, TableKind.ThreePublicExpenses, TableKind.GeneralBudgetBasic];

    /// <summary>
    /// One row per department with a published disclosure of the year (its latest version), read
    /// in one go with only the tables the ranking needs.
    /// </summary>
    public static async Task<List<RankingRow>> ForYearAsync(BudgetDbContext db, int year, CancellationToken ct)
    {
        var disclosures = await db.LatestPublished().Where(d => d.FiscalYear == year).AsSplitQuery()
            .Include(d => d.Department)
            .Include(d => d.Tables.Where(t => Tables.Contains(t.Kind))).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .ToListAsync(ct);
        return disclosures.Select(Of).ToList();
    }

    public static RankingRow Of(Disclosure d)
    {
        var t10 = d.Table(TableKind.ThreePublicExpenses);
        decimal F(string key) => t10.FixedOf(key, ColumnKeys.Total);
        return new RankingRow(d.Department.Code, d.DepartmentName, d.PublishedAt, d.Version,
            d.Table(TableKind.IncomeAndExpenditure).MainTotal,
            F("total"), F("overseas"), F("vehiclePurchase"), F("vehicleOperation"), F("reception"),
            d.Table(TableKind.GeneralBudgetBasic).TotalOf(ColumnKeys.Public),
            d.Overview.Staff.Actual);
    }

    /// <summary>The sortable columns: key → (heading, value).</summary>
    public static readonly IReadOnlyList<(string Key, string Heading, Func<RankingRow, decimal?> Value)> Columns =
    [
        ("total", "支出总计", r => r.Total),
        ("threePublic", "“三公”经费", r => r.ThreePublic),
        ("overseas", "因公出国（境）费", r => r.Overseas),
        ("vehiclePurchase", "公务用车购置费", r => r.VehiclePurchase),
        ("vehicleOperation", "公务用车运行费", r => r.VehicleOperation),
        ("reception", "公务接待费", r => r.Reception),
        ("runningCosts", "机关运行经费（公用经费）", r => r.RunningCosts),
        ("staff", "实有人数", r => r.Staff),
        ("perPerson", "人均支出", r => r.PerPerson),
        ("threePublicPerPerson", "人均“三公”经费", r => r.ThreePublicPerPerson),
    ];
}

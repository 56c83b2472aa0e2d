using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Data;

/// <summary>
/// The latest published version of one department's year and the figures the public lists show
/// (the search results, the ranking, the department list): one row per department and year, written
/// in the transaction that publishes or corrects (<see cref="BudgetDbContext"/>'s SaveChanges), so
/// the lists read one indexed table instead of finding the latest version and its cells among every
/// version (issue 15). The database fills the department's code and name and keeps the name
/// current; it accepts a new version only from the publishing transaction and never a deletion
/// (migration PublishedSummaries).
/// </summary>
public sealed class PublishedSummary
{
    public int DepartmentId { get; private set; }
    public int FiscalYear { get; private set; }
    public int DisclosureId { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string DepartmentCode { get; private set; } = "";
    public string DepartmentName { get; private set; } = "";
    /// <summary>表1 支出总计.</summary>
    public decimal Total { get; private set; }
    /// <summary>表10's 三公 total and items.</summary>
    public decimal ThreePublic { get; private set; }
    public decimal Overseas { get; private set; }
    public decimal VehiclePurchase { get; private set; }
    public decimal VehicleOperation { get; private set; }
    public decimal Reception { get; private set; }
    /// <summary>机关运行经费: 表6's 公用经费 total.</summary>
    public decimal RunningCosts { get; private set; }
    /// <summary>实有人数 from the overview.</summary>
    public int Staff { get; private set; }
    /// <summary>The 功能分类 类 the version spends on (表3), in table order, and their printed names.</summary>
    public string[] CategoryCodes { get; private set; } = [];
    public string[] CategoryNames { get; private set; } = [];

    private PublishedSummary() { }

    /// <summary>
    /// The summary of a published version, read from its tables: <paramref name="d"/>'s own, or those of
    /// <paramref name="stored"/>, the same version as stored (when it was published without its tables loaded).
    /// </summary>
    public static PublishedSummary Of(Disclosure d, Disclosure? stored = null)
    {
        if (d.Status != DisclosureStatus.Published || d.PublishedAt is null)
            throw new InvalidOperationException($"Disclosure {d.Id} is not published: it has no public summary.");
        var figures = stored ?? d;
        if (figures.Id != d.Id || figures.Tables.Count == 0)
            throw new InvalidOperationException($"Disclosure {d.Id}'s tables are not loaded: its summary cannot be read.");
        var t10 = figures.Table(TableKind.ThreePublicExpenses);
        decimal F(string key) => t10.FixedOf(key, ColumnKeys.Total);
        var categories = figures.Table(TableKind.Expenditure).OfKind(RowKind.Category).Where(r => r.Code is not null).ToList();
        return new PublishedSummary
        {
            DepartmentId = d.DepartmentId, FiscalYear = d.FiscalYear, DisclosureId = d.Id, Version = d.Version,
            PublishedAt = d.PublishedAt.Value.ToUniversalTime(),
            DepartmentCode = d.Department?.Code ?? "", DepartmentName = d.Department?.Name ?? "",
            Total = figures.Table(TableKind.IncomeAndExpenditure).MainTotal,
            ThreePublic = F("total"), Overseas = F("overseas"), VehiclePurchase = F("vehiclePurchase"),
            VehicleOperation = F("vehicleOperation"), Reception = F("reception"),
            RunningCosts = figures.Table(TableKind.GeneralBudgetBasic).TotalOf(ColumnKeys.Public),
            Staff = figures.Overview.Staff.Actual,
            CategoryCodes = [.. categories.Select(r => r.Code!)],
            CategoryNames = [.. categories.Select(r => r.Name ?? r.Code!)],
        };
    }

    /// <summary>
    /// Summarises the latest published versions that have no summary (published before the summaries
    /// existed), a hundred at a time; called at start. Returns how many were added.
    /// </summary>
    public static async Task<int> AddMissingAsync(BudgetDbContext db, CancellationToken ct = default)
    {
        var added = 0;
        while (true)
        {
            var ids = await db.LatestPublished().Where(d => !db.PublishedSummaries.Any(s => s.DisclosureId == d.Id))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(100).ToListAsync(ct);
            if (ids.Count == 0) return added;
            var versions = await db.Disclosures.AsNoTracking().AsSplitQuery().Where(d => ids.Contains(d.Id))
                .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells).ToListAsync(ct);
            foreach (var version in versions)
            {
                var summary = Of(version);
                db.Summarise(summary, await db.PublishedSummaries.FindAsync([summary.DepartmentId, summary.FiscalYear], ct));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            added += ids.Count;
        }
    }

    /// <summary>A correction takes the place of the version it corrects.</summary>
    internal void TakeFrom(PublishedSummary newer)
    {
        (DisclosureId, Version, PublishedAt) = (newer.DisclosureId, newer.Version, newer.PublishedAt);
        (Total, ThreePublic, Overseas, VehiclePurchase, VehicleOperation, Reception, RunningCosts, Staff) =
            (newer.Total, newer.ThreePublic, newer.Overseas, newer.VehiclePurchase, newer.VehicleOperation, newer.Reception, newer.RunningCosts, newer.Staff);
        (CategoryCodes, CategoryNames) = (newer.CategoryCodes, newer.CategoryNames);
    }
}

using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Data;

public static class DisclosureQueries
{
    /// <summary>The latest published version of every department's years: what the public sees.</summary>
    public static IQueryable<Disclosure> LatestPublished(this BudgetDbContext db) =>
        db.Disclosures.AsNoTracking().Where(d => d.Status == DisclosureStatus.Published &&
            !db.Disclosures.Any(o => o.DepartmentId == d.DepartmentId && o.FiscalYear == d.FiscalYear &&
                                     o.Status == DisclosureStatus.Published && o.Version > d.Version));

    /// <summary>Every part of a disclosure: the one include list for reading (public pages) and editing (workspace).</summary>
    public static IQueryable<Disclosure> IncludeComplete(this IQueryable<Disclosure> disclosures) =>
        disclosures.AsSplitQuery()
            .Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes).ThenInclude(n => n.Lines)
            .Include(d => d.Notes).ThenInclude(n => n.Figures)
            .Include(d => d.PerformanceSheets).ThenInclude(s => s.Indicators)
            .Include(d => d.Lines)
            .Include(d => d.PublishedChecks);
}

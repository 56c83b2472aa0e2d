using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Data;

/// <summary>
/// What the compliance dashboard needs of one published version (issue 17): when it was published, its
/// frozen checks' errors and warnings, and the checklist items it fails with what is missing. One row per
/// published version, written in the transaction that publishes it (<see cref="BudgetDbContext"/>'s
/// SaveChanges), so the dashboard reads one indexed row per version of the year's expected departments
/// instead of loading disclosures. The database accepts a row only for a published version, as published,
/// and never changes or deletes one (migration ComplianceDashboard).
/// </summary>
public sealed class ComplianceFacts
{
    public int DisclosureId { get; private set; }
    public int DepartmentId { get; private set; }
    public int FiscalYear { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public int Errors { get; private set; }
    public int Warnings { get; private set; }
    /// <summary>The failed checklist items (by name) and, at the same index, what is missing.</summary>
    public string[] FailedItems { get; private set; } = [];
    public string[] FailureDetails { get; private set; } = [];

    private ComplianceFacts() { }

    /// <summary>
    /// The facts of a published version: <paramref name="published"/> gives the version and its frozen checks,
    /// <paramref name="parts"/> the same version with its tables, notes and sheets (as stored).
    /// </summary>
    public static ComplianceFacts Of(Disclosure published, Disclosure parts)
    {
        if (published.Status != DisclosureStatus.Published || published.PublishedAt is null)
            throw new InvalidOperationException($"Disclosure {published.Id} is not published: it has no compliance facts.");
        var failures = DisclosureChecklist.Failures(parts);
        var checks = published.PublishedChecks.Where(c => c.Outcome == Outcome.Fail).ToList();
        return new ComplianceFacts
        {
            DisclosureId = published.Id, DepartmentId = published.DepartmentId, FiscalYear = published.FiscalYear, Version = published.Version,
            PublishedAt = published.PublishedAt.Value.ToUniversalTime(),
            Errors = checks.Count(c => c.Severity == Severity.Error), Warnings = checks.Count(c => c.Severity == Severity.Warning),
            FailedItems = [.. failures.Select(f => f.Item.ToString())], FailureDetails = [.. failures.Select(f => f.Detail)],
        };
    }

    public PublishedFacts ToFacts() => new(Version, PublishedAt, Errors, Warnings,
        FailedItems.Zip(FailureDetails).Where(f => ChecklistItems.Parse(f.First) is not null)
            .Select(f => new ChecklistFinding(ChecklistItems.Parse(f.First)!.Value, f.Second)).ToList());

    /// <summary>A published version with every part it is checked on, as stored, not tracked.</summary>
    internal static IQueryable<Disclosure> Stored(BudgetDbContext db) =>
        db.Disclosures.AsNoTracking().AsSplitQuery().Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes)
            .Include(d => d.PerformanceSheets)
            .Include(d => d.PublishedChecks);

    /// <summary>
    /// Adds the facts of published versions that have none (published before the dashboard existed), a
    /// hundred at a time; called at start. Returns how many were added.
    /// </summary>
    public static async Task<int> AddMissingAsync(BudgetDbContext db, CancellationToken ct = default)
    {
        var added = 0;
        while (true)
        {
            var ids = await db.Disclosures.Where(d => d.Status == DisclosureStatus.Published && !db.ComplianceFacts.Any(f => f.DisclosureId == d.Id))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(100).ToListAsync(ct);
            if (ids.Count == 0) return added;
            foreach (var version in await Stored(db).Where(d => ids.Contains(d.Id)).ToListAsync(ct))
                db.ComplianceFacts.Add(Of(version, version));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            added += ids.Count;
        }
    }
}

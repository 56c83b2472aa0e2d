using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Workspace;

public static class WorkspaceQueries
{
    /// <summary>
    /// A save refused because someone else saved first: the row changed since it was read (the
    /// concurrency token), or a row the form creates was created meanwhile (a unique key).
    /// </summary>
    public static bool IsConcurrentSave(this DbUpdateException e) =>
        e is DbUpdateConcurrencyException || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// A disclosure complete, tracked, for an edit: the drafted notes are written again in the same save
    /// as a table (Disclosure.SetTable), so an edit always loads them; the checks read the same copy.
    /// </summary>
    public static Task<Disclosure?> CompleteAsync(this BudgetDbContext db, int id, CancellationToken ct = default) =>
        db.Disclosures.IncludeComplete().SingleOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>The classification catalog of a year (or the nearest earlier year that has one).</summary>
    public static async Task<IReadOnlyList<ClassificationCode>> CatalogAsync(this BudgetDbContext db, ClassificationScheme scheme, int year, CancellationToken ct = default)
    {
        var years = await db.ClassificationCodes.Where(c => c.Scheme == scheme).Select(c => c.Year).Distinct().ToListAsync(ct);
        if (years.Count == 0) return [];
        var use = years.Where(y => y <= year).DefaultIfEmpty(years.Min()).Max();
        return await db.ClassificationCodes.AsNoTracking().Where(c => c.Scheme == scheme && c.Year == use).OrderBy(c => c.Code).ToListAsync(ct);
    }

    /// <summary>The codes an officer may use in a year: the year's catalog (or the nearest earlier one) and the previous year's.</summary>
    public static async Task<ClassificationCatalog> ClassificationCatalogAsync(this BudgetDbContext db, ClassificationScheme scheme, int year, CancellationToken ct = default)
    {
        var current = await db.CatalogAsync(scheme, year, ct);
        var usedYear = current.Count > 0 ? current[0].Year : year;
        var previous = await db.ClassificationCodes.AsNoTracking()
            .Where(c => c.Scheme == scheme && c.Year == db.ClassificationCodes.Where(p => p.Scheme == scheme && p.Year < usedYear).Max(p => (int?)p.Year))
            .ToListAsync(ct);
        return new ClassificationCatalog(scheme, year, current, previous);
    }
}

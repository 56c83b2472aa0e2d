using BudgetPortal.Domain.Classification;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Data;

/// <summary>The classification catalogs a year's codes are read against (the forms, the checks, the seed loader).</summary>
public static class ClassificationQueries
{
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

    /// <summary>
    /// Both catalogs a disclosure of the year is checked against (M1, M2 of the consistency checks) and
    /// its budget lines are read against:
    /// <c>ConsistencyChecks.Run(disclosure, await db.YearCatalogsAsync(disclosure.FiscalYear, ct))</c>.
    /// </summary>
    public static async Task<YearCatalogs> YearCatalogsAsync(this BudgetDbContext db, int year, CancellationToken ct = default) =>
        new(await db.ClassificationCatalogAsync(ClassificationScheme.Functional, year, ct),
            await db.ClassificationCatalogAsync(ClassificationScheme.Economic, year, ct));
}

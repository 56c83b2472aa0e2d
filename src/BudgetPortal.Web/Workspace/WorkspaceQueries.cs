using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Workspace;

public static class WorkspaceQueries
{
    /// <summary>
    /// A disclosure with its department, tables and notes, tracked for an edit of its tables (the notes
    /// drafted by the portal are drafted again in the same save: Disclosure.SetTable).
    /// </summary>
    public static Task<Disclosure?> WithTablesAsync(this BudgetDbContext db, int id, CancellationToken ct = default) =>
        db.Disclosures.AsSplitQuery()
            .Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes).ThenInclude(n => n.Lines)
            .Include(d => d.Notes).ThenInclude(n => n.Figures)
            .SingleOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>
    /// A save refused because someone else saved first: the row changed since it was read (the
    /// concurrency token), or a row the form creates was created meanwhile (a unique key).
    /// </summary>
    public static bool IsConcurrentSave(this DbUpdateException e) =>
        e is DbUpdateConcurrencyException || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    /// <summary>A disclosure complete, tracked (publishing, corrections, uploads).</summary>
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

    /// <summary>A code typed as digits (201 31 50 too) or a name (exact, else the only one containing it).</summary>
    public static ClassificationCode? Find(this IReadOnlyList<ClassificationCode> catalog, string input, out string? problem)
    {
        problem = null;
        var text = input.Trim();
        if (ClassificationCode.Normalize(text) is { } code)
        {
            var byCode = catalog.FirstOrDefault(c => c.Code == code);
            if (byCode is null) problem = $"科目编码“{text}”不在本年度的分类目录中。";
            return byCode;
        }
        var exact = catalog.Where(c => c.Name == text).ToList();
        if (exact.Count == 1) return exact[0];
        var partial = exact.Count > 1 ? exact : catalog.Where(c => c.Name.Contains(text, StringComparison.Ordinal)).ToList();
        if (partial.Count == 1) return partial[0];
        problem = partial.Count == 0
            ? $"分类目录中没有“{text}”，请输入科目编码或名称。"
            : $"“{text}”对应多个科目（{string.Join("、", partial.Take(5).Select(c => $"{c.Code} {c.Name}"))}{(partial.Count > 5 ? "……" : "")}），请输入编码。";
        return null;
    }
}

using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Workspace;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Disclosures;

public sealed record DepartmentSummary(string Code, string Name, IReadOnlyList<YearSummary> Years);

public sealed record PublishedVersion(int Id, int Version, DateTimeOffset? PublishedAt, string? CorrectionReason);

public sealed record YearSummary(int Year, int Version, DateTimeOffset? PublishedAt, decimal? Total);

/// <summary>What the public pages and the API read: only published versions, the latest of each year.</summary>
public sealed class DisclosureReader(BudgetDbContext db)
{
    /// <summary>Every department with a published disclosure, or only the one with <paramref name="code"/>: the latest version of each year, with its total.</summary>
    public async Task<IReadOnlyList<DepartmentSummary>> DepartmentsAsync(string? code = null, CancellationToken ct = default)
    {
        var latest = db.LatestPublished();
        if (code is not null) latest = latest.Where(d => d.Department.Code == code);
        var years = await latest
            .Select(d => new { d.Id, d.Department.Code, d.Department.Name, d.FiscalYear, d.Version, d.PublishedAt })
            .ToListAsync(ct);
        var ids = years.Select(y => y.Id).ToList();
        var budgetColumn = Domain.Tables.TableSchemas.MainColumn(Domain.Tables.TableKind.IncomeAndExpenditure); // 表1 支出总计
        var totals = await db.TableRows.AsNoTracking()
            .Where(r => r.Kind == Domain.Tables.RowKind.Total)
            .Join(db.BudgetTables.Where(t => t.Kind == Domain.Tables.TableKind.IncomeAndExpenditure && ids.Contains(t.DisclosureId)),
                r => r.BudgetTableId, t => t.Id, (r, t) => new { t.DisclosureId, r.Cells })
            .ToDictionaryAsync(x => x.DisclosureId, x => x.Cells.FirstOrDefault(c => c.Column == budgetColumn)?.Amount, ct);
        return years
            .GroupBy(d => (d.Code, d.Name))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new DepartmentSummary(g.Key.Code, g.Key.Name, g
                .OrderByDescending(d => d.FiscalYear)
                .Select(d => new YearSummary(d.FiscalYear, d.Version, d.PublishedAt, totals.GetValueOrDefault(d.Id)))
                .ToList()))
            .ToList();
    }

    /// <summary>The department, only once it has published something: a department without a published disclosure is not public.</summary>
    public Task<Department?> DepartmentAsync(string code, CancellationToken ct = default) =>
        db.Departments.AsNoTracking()
            .Where(d => d.Code == code && db.Disclosures.Any(x => x.DepartmentId == d.Id && x.Status == DisclosureStatus.Published))
            .SingleOrDefaultAsync(ct);

    /// <summary>The latest published version of a department's year, complete, or null.</summary>
    public async Task<Disclosure?> PublishedAsync(string code, int year, CancellationToken ct = default)
    {
        var id = await db.Disclosures.AsNoTracking()
            .Where(d => d.Department.Code == code && d.FiscalYear == year && d.Status == DisclosureStatus.Published)
            .OrderByDescending(d => d.Version)
            .Select(d => (int?)d.Id)
            .FirstOrDefaultAsync(ct);
        return id is null ? null : await LoadAsync(id.Value, ct);
    }

    public Task<Disclosure?> LoadAsync(int id, CancellationToken ct = default) =>
        db.Disclosures.AsNoTracking().IncludeComplete().SingleOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>Every published version of a department's year, oldest first (drafts never show).</summary>
    public Task<List<PublishedVersion>> PublishedVersionsAsync(string code, int year, CancellationToken ct = default) =>
        db.Disclosures.AsNoTracking()
            .Where(d => d.Department.Code == code && d.FiscalYear == year && d.Status == DisclosureStatus.Published)
            .OrderBy(d => d.Version)
            .Select(d => new PublishedVersion(d.Id, d.Version, d.PublishedAt, d.CorrectionReason))
            .ToListAsync(ct);

    /// <summary>The latest published version of each other year of a department, oldest first.</summary>
    public async Task<IReadOnlyList<Disclosure>> OtherYearsAsync(string code, int year, CancellationToken ct = default)
    {
        var years = await db.Disclosures.AsNoTracking()
            .Where(d => d.Department.Code == code && d.FiscalYear != year && d.Status == DisclosureStatus.Published)
            .Select(d => d.FiscalYear).Distinct().OrderBy(y => y).ToListAsync(ct);
        var result = new List<Disclosure>();
        foreach (var y in years)
            if (await PublishedAsync(code, y, ct) is { } d) result.Add(d);
        return result;
    }

    /// <summary>The year's 功能分类 catalog: it names the 类 list that 表1 and 表4 print.</summary>
    public Task<ClassificationCatalog> FunctionalCatalogAsync(int year, CancellationToken ct = default) =>
        db.ClassificationCatalogAsync(ClassificationScheme.Functional, year, ct);

    /// <summary>The year's 功能分类 catalog where a table lists 类 (表1, 表4), which it names; else none (nothing read).</summary>
    public async Task<ClassificationCatalog?> FunctionalCatalogAsync(TableSchema schema, int year, CancellationToken ct = default) =>
        schema.ExpenditureCategories.Count > 0 ? await FunctionalCatalogAsync(year, ct) : null;

    public async Task<IReadOnlyList<GlossaryEntry>> GlossaryAsync(int year, CancellationToken ct = default)
    {
        // The glossary of the year, else of the nearest earlier year that has one.
        var available = await db.GlossaryEntries.AsNoTracking().Select(g => g.Year).Distinct().ToListAsync(ct);
        var use = available.Where(y => y <= year).DefaultIfEmpty(available.DefaultIfEmpty(year).Min()).Max();
        return await db.GlossaryEntries.AsNoTracking().Where(g => g.Year == use).OrderBy(g => g.Ordinal).ToListAsync(ct);
    }
}

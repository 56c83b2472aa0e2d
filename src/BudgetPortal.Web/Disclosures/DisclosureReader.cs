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
    /// <summary>
    /// The departments with a published disclosure, in code order, at most <paramref name="limit"/> of them
    /// after the code <paramref name="after"/> (or only the one with <paramref name="code"/>): the latest
    /// version of each year, with its total, from the summaries (two indexed reads whatever the archive's size).
    /// </summary>
    public async Task<IReadOnlyList<DepartmentSummary>> DepartmentsAsync(string? code = null, CancellationToken ct = default,
        string? after = null, int limit = int.MaxValue)
    {
        var summaries = db.PublishedSummaries.AsNoTracking();
        List<string> codes;
        if (code is not null) codes = [code];
        else
        {
            var page = after is null ? summaries : summaries.Where(s => string.Compare(s.DepartmentCode, after) > 0);
            codes = await page.Select(s => s.DepartmentCode).Distinct().OrderBy(c => c).Take(limit).ToListAsync(ct);
        }
        var years = await summaries.Where(s => codes.Contains(s.DepartmentCode))
            .Select(s => new { s.DepartmentCode, s.DepartmentName, s.FiscalYear, s.Version, s.PublishedAt, s.Total })
            .ToListAsync(ct);
        return years
            .GroupBy(d => (d.DepartmentCode, d.DepartmentName))
            .OrderBy(g => g.Key.DepartmentCode, StringComparer.Ordinal)
            .Select(g => new DepartmentSummary(g.Key.DepartmentCode, g.Key.DepartmentName, g
                .OrderByDescending(d => d.FiscalYear)
                .Select(d => new YearSummary(d.FiscalYear, d.Version, d.PublishedAt, d.Total))
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

    /// <summary>Version <paramref name="version"/> of a department's year, complete, if it was published; else null.</summary>
    public async Task<Disclosure?> PublishedVersionAsync(string code, int year, int version, CancellationToken ct = default)
    {
        var id = await db.Disclosures.AsNoTracking()
            .Where(d => d.Department.Code == code && d.FiscalYear == year && d.Version == version && d.Status == DisclosureStatus.Published)
            .Select(d => (int?)d.Id)
            .SingleOrDefaultAsync(ct);
        return id is null ? null : await LoadAsync(id.Value, ct);
    }

    public Task<Disclosure?> LoadAsync(int id, CancellationToken ct = default) =>
        db.Disclosures.AsNoTracking().IncludeComplete().SingleOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>
    /// A published version as its public page shows it: the year's page (<paramref name="latestVersion"/> null: the
    /// latest, with its downloads and the 预算明细 filter <paramref name="linesFilter"/>) or a version's own page
    /// (<paramref name="latestVersion"/> the year's latest version: this version's PDF, no table downloads, no filter).
    /// </summary>
    public async Task<DisclosureView> ViewAsync(Disclosure disclosure, CancellationToken ct, string? linesFilter = null, int? latestVersion = null)
    {
        var (code, year) = (disclosure.Department.Code, disclosure.FiscalYear);
        var pdf = await db.DisclosurePdfs.Where(p => p.DisclosureId == disclosure.Id && p.Part == DisclosurePdf.WholeDocument)
            .Select(p => new { p.Sha256, p.PrintedAt }).FirstOrDefaultAsync(ct);
        // A line-based disclosure lists its lines, named from both of the year's catalogs.
        var catalogs = disclosure.IsLineBased ? await db.YearCatalogsAsync(year, ct) : null;
        return new DisclosureView(disclosure, await GlossaryAsync(year, ct),
            DisclosureSummary.Of(disclosure, await OtherYearsAsync(code, year, ct, DisclosureSummary.TablesOfOtherYears)),
            Domain.Checks.ConsistencyChecks.AsShown(disclosure),
            pdf is null ? null : (pdf.Sha256, pdf.PrintedAt),
            Catalog: catalogs?.Functional ?? await FunctionalCatalogAsync(year, ct),
            Lines: catalogs is null ? null
                : BudgetLinesView.Of(disclosure.Lines, catalogs, latestVersion is null ? (code, year) : null, linesFilter),
            LatestVersion: latestVersion);
    }

    /// <summary>Every published version of a department's year, oldest first (drafts never show).</summary>
    public Task<List<PublishedVersion>> PublishedVersionsAsync(string code, int year, CancellationToken ct = default) =>
        db.Disclosures.AsNoTracking()
            .Where(d => d.Department.Code == code && d.FiscalYear == year && d.Status == DisclosureStatus.Published)
            .OrderBy(d => d.Version)
            .Select(d => new PublishedVersion(d.Id, d.Version, d.PublishedAt, d.CorrectionReason))
            .ToListAsync(ct);

    /// <summary>Why version <paramref name="version"/> cannot be shown: the year has none published, or which versions it has.</summary>
    public async Task<string> NoSuchVersionAsync(string code, int year, int version, CancellationToken ct = default)
    {
        var versions = await PublishedVersionsAsync(code, year, ct);
        return versions.Count == 0
            ? $"没有找到部门“{code}” {year} 年已发布的预算公开。"
            : $"部门“{code}” {year} 年的预算公开没有第 {version} 版：已发布的是第 1 版至第 {versions[^1].Version} 版，见版本历史 {VersionAddresses.History(code, year)}。";
    }

    /// <summary>
    /// The latest published version of each other year of a department, oldest first, with its tables (what
    /// comparisons read): all of them, or only <paramref name="tables"/>.
    /// </summary>
    public async Task<IReadOnlyList<Disclosure>> OtherYearsAsync(string code, int year, CancellationToken ct = default,
        IReadOnlyCollection<Domain.Tables.TableKind>? tables = null) =>
        // One query (split by collection) for all the years: their latest versions are the summaries'.
        await db.Disclosures.AsNoTracking().AsSplitQuery()
            .Include(d => d.Department).Include(d => d.Tables.Where(t => tables == null || tables.Contains(t.Kind))).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Where(d => db.PublishedSummaries.Any(s => s.DisclosureId == d.Id && s.DepartmentCode == code && s.FiscalYear != year))
            .OrderBy(d => d.FiscalYear).ToListAsync(ct);

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

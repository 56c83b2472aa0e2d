using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Disclosures;

public sealed record SearchQuery(string? Text, int? Year, string? Category, int Page = 1, int PageSize = 20);

public sealed record SearchHit(string Code, string Name, int Year, int Version, DateTimeOffset? PublishedAt, decimal? Total, decimal? ThreePublic);

public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, int Count, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Count + PageSize - 1) / PageSize);
}

public sealed record CategoryOption(string Code, string Name);

/// <summary>
/// Finding disclosures: by any part of the department's name (or its code), by year and by 功能分类 类,
/// latest published versions only, paged in SQL.
/// </summary>
public sealed class DisclosureSearch(BudgetDbContext db)
{
    private IQueryable<Disclosure> LatestPublished() => db.LatestPublished();

    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var found = LatestPublished();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var pattern = "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            found = found.Where(d => EF.Functions.ILike(d.Department.Name, pattern) || d.Department.Code == text.ToLower());
        }
        if (query.Year is { } year) found = found.Where(d => d.FiscalYear == year);
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var category = query.Category.Trim();
            found = found.Where(d => db.BudgetTables.Any(t => t.DisclosureId == d.Id && t.Kind == TableKind.Expenditure &&
                                                               t.Rows.Any(r => r.Kind == RowKind.Category && r.Code == category)));
        }

        var count = await found.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (count + pageSize - 1) / pageSize));
        // The department's budget: 表1 支出总计.
        var budgetColumn = TableSchemas.MainColumn(TableKind.IncomeAndExpenditure);
        var hits = await found
            .OrderByDescending(d => d.FiscalYear).ThenBy(d => d.Department.Name)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new SearchHit(
                d.Department.Code, d.Department.Name, d.FiscalYear, d.Version, d.PublishedAt,
                db.BudgetTables.Where(t => t.DisclosureId == d.Id && t.Kind == TableKind.IncomeAndExpenditure)
                    .SelectMany(t => t.Rows).Where(r => r.Kind == RowKind.Total)
                    .SelectMany(r => r.Cells).Where(c => c.Column == budgetColumn).Select(c => (decimal?)c.Amount).FirstOrDefault(),
                db.BudgetTables.Where(t => t.DisclosureId == d.Id && t.Kind == TableKind.ThreePublicExpenses)
                    .SelectMany(t => t.Rows).Where(r => r.Kind == RowKind.Fixed && r.Key == "total")
                    .SelectMany(r => r.Cells).Where(c => c.Column == "total").Select(c => (decimal?)c.Amount).FirstOrDefault()))
            .ToListAsync(ct);
        return new SearchPage(hits, count, page, pageSize);
    }

    /// <summary>When anything was last published or corrected (the portal's “last updated”).</summary>
    public Task<DateTimeOffset?> LastPublishedAsync(CancellationToken ct = default) =>
        LatestPublished().MaxAsync(d => d.PublishedAt, ct);

    public Task<List<int>> YearsAsync(CancellationToken ct = default) =>
        LatestPublished().Select(d => d.FiscalYear).Distinct().OrderByDescending(y => y).ToListAsync(ct);

    /// <summary>The 功能分类 类 that some published disclosure spends on (表3), with their printed names.</summary>
    public async Task<List<CategoryOption>> CategoriesAsync(CancellationToken ct = default)
    {
        var ids = LatestPublished().Select(d => d.Id);
        var rows = await db.BudgetTables.AsNoTracking()
            .Where(t => ids.Contains(t.DisclosureId) && t.Kind == TableKind.Expenditure)
            .SelectMany(t => t.Rows).Where(r => r.Kind == RowKind.Category)
            .Select(r => new { r.Code, r.Name })
            .Distinct().ToListAsync(ct);
        return rows.GroupBy(r => r.Code!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryOption(g.Key, g.First().Name ?? g.Key)).ToList();
    }
}

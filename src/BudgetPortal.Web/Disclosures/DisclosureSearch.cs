using System.Globalization;
using System.Text;
using BudgetPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Disclosures;

/// <summary>
/// A page cursor's text in a link: base64url of "value|id|name" (the name last: it may hold '|'), read
/// back or refused as a whole. Shared by the search's and the ranking's cursors.
/// </summary>
public static class CursorText
{
    /// <summary>A department name is at most 100 characters: a cursor is well below this.</summary>
    public const int MaxLength = 600;

    public static string Encode(string value, int id, string name) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{value}|{id}|{name}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The three parts, or null when the text is not a cursor (a clear message is the page's to give).</summary>
    public static (string Value, int Id, string Name)? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return null;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='))).Split('|', 3);
            return parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var id) && id > 0 ? (parts[0], id, parts[2]) : null;
        }
        catch (FormatException) { return null; }
    }
}

/// <summary>
/// A position in the search's order (newest year first, then department name, then version id): the
/// page after it or before it is read from the index on that order, however far into the list.
/// </summary>
public sealed record SearchCursor(int Year, string Name, int Id)
{
    public string Encode() => CursorText.Encode(Year.ToString(CultureInfo.InvariantCulture), Id, Name);

    public static SearchCursor? Decode(string? text) =>
        CursorText.Decode(text) is { } c && int.TryParse(c.Value, CultureInfo.InvariantCulture, out var year) ? new SearchCursor(year, c.Name, c.Id) : null;
}

public sealed record SearchQuery(string? Text, int? Year, string? Category, SearchCursor? After = null, SearchCursor? Before = null, bool Last = false,
    int PageSize = DisclosureSearch.PageSize);

public sealed record SearchHit(string Code, string Name, int Year, int Version, DateTimeOffset? PublishedAt, decimal? Total, decimal? ThreePublic);

/// <summary>
/// One page of results. <see cref="Count"/> stops at <see cref="DisclosureSearch.CountLimit"/> (then
/// <see cref="CountCapped"/>): counting further would read every match. Previous/Next are the cursors of
/// the neighbouring pages, null at either end.
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, int Count, bool CountCapped, SearchCursor? Previous, SearchCursor? Next);

public sealed record CategoryOption(string Code, string Name);

/// <summary>
/// Finding disclosures: by any part of the department's name (or its code), by year and by 功能分类 类,
/// latest published versions only, from their summaries (<see cref="PublishedSummary"/>), a page at a
/// time by keyset on the search's order, so every page costs the same however many there are.
/// </summary>
public sealed class DisclosureSearch(BudgetDbContext db)
{
    public const int PageSize = 20;
    public const int CountLimit = 1_000;

    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var found = db.PublishedSummaries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var pattern = "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            // A partial name is found through the trigram index (pg_trgm), the code through its own.
            found = found.Where(s => EF.Functions.ILike(s.DepartmentName, pattern) || s.DepartmentCode == text.ToLower());
        }
        // -fiscal_year: the listing index's first column, so a year's results are read from it in order.
        if (query.Year is { } year) found = found.Where(s => -s.FiscalYear == -year);
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var category = query.Category.Trim();
            found = found.Where(s => s.CategoryCodes.Contains(category));
        }

        var count = await InOrder(found).Take(CountLimit + 1).CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var backwards = query.Before is not null || query.Last;
        List<PublishedSummary> rows;
        if (backwards)
        {
            var page = found;
            if (query.Before is { } b)
                page = page.Where(s => EF.Functions.LessThan(ValueTuple.Create(-s.FiscalYear, s.DepartmentName, s.DisclosureId), ValueTuple.Create(-b.Year, b.Name, b.Id)));
            rows = await page.OrderByDescending(s => -s.FiscalYear).ThenByDescending(s => s.DepartmentName).ThenByDescending(s => s.DisclosureId)
                .Take(size + 1).ToListAsync(ct);
            var more = rows.Count > size;
            rows = rows.Take(size).Reverse().ToList();
            return Page(rows, count, previous: more, next: query.Before is not null);
        }
        else
        {
            var page = found;
            if (query.After is { } a)
                page = page.Where(s => EF.Functions.GreaterThan(ValueTuple.Create(-s.FiscalYear, s.DepartmentName, s.DisclosureId), ValueTuple.Create(-a.Year, a.Name, a.Id)));
            rows = await InOrder(page).Take(size + 1).ToListAsync(ct);
            var more = rows.Count > size;
            return Page(rows.Take(size).ToList(), count, previous: query.After is not null, next: more);
        }
    }

    /// <summary>The search's order, the listing index's: newest year first, then name, then version id.</summary>
    private static IQueryable<PublishedSummary> InOrder(IQueryable<PublishedSummary> q) =>
        q.OrderBy(s => -s.FiscalYear).ThenBy(s => s.DepartmentName).ThenBy(s => s.DisclosureId);

    private static SearchPage Page(List<PublishedSummary> rows, int count, bool previous, bool next) =>
        new([.. rows.Select(s => new SearchHit(s.DepartmentCode, s.DepartmentName, s.FiscalYear, s.Version, s.PublishedAt, s.Total, s.ThreePublic))],
            Math.Min(count, CountLimit), count > CountLimit,
            previous && rows.Count > 0 ? CursorOf(rows[0]) : null,
            next && rows.Count > 0 ? CursorOf(rows[^1]) : null);

    private static SearchCursor CursorOf(PublishedSummary s) => new(s.FiscalYear, s.DepartmentName, s.DisclosureId);
}

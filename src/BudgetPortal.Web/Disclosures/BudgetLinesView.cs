using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Lines;

namespace BudgetPortal.Web.Disclosures;

/// <summary>One budget line as the public page lists it: codes as printed (201 31 50), named from the year's catalogs.</summary>
public sealed record BudgetLineRow(
    string FunctionalCode, string FunctionalName, string EconomicCode, string EconomicName,
    string Spending, string Source, decimal Amount);

/// <summary>
/// The lines of one project (or the 基本支出), with their sum: <see cref="Title"/> is 基本支出 or the project's
/// name, <see cref="Filter"/> the filter that shows this group (its title).
/// </summary>
public sealed record BudgetLineGroup(string Title, string? Project, string? Leader, IReadOnlyList<BudgetLineRow> Lines, int Count, decimal Total)
{
    public string Filter => Project ?? Title;
}

/// <summary>
/// The 预算明细 section of a line-based disclosure's public page (Pages/Shared/_BudgetLines.cshtml): the lines
/// the eleven tables were computed from, grouped as 表7 groups them — 基本支出 first, then each project in
/// the order it was first entered — each group in 功能分类 then 经济分类 order, with its sum and the total.
/// A filter (the page's query parameter <see cref="QueryKey"/>) keeps the lines whose code starts with it or
/// whose project, leader, names, type or source contain it. Past <see cref="MaxShownLines"/> matching lines
/// only the groups' sums are listed, each a link to its lines.
/// </summary>
/// <param name="Page">The public page's address (/departments/{code}/{year}), the base of lines.csv; null in a preview: no filter, no downloads.</param>
/// <param name="Api">The lines in the JSON API (/api/v1/disclosures/{code}/{year}/lines); null in a preview.</param>
/// <param name="Filter">The filter applied (trimmed), or null.</param>
/// <param name="FilterError">Why the filter given was not applied (too long), or null.</param>
/// <param name="Count">How many lines the disclosure has.</param>
/// <param name="Total">Their sum (表1's 支出总计).</param>
/// <param name="Groups">The groups with a matching line, each with its matching lines and their sum.</param>
public sealed record BudgetLinesView(string? Page, string? Api, string? Filter, string? FilterError, int Count, decimal Total,
    IReadOnlyList<BudgetLineGroup> Groups)
{
    /// <summary>The page's query parameter holding the filter (the page's output cache varies by it).</summary>
    public const string QueryKey = "lines";

    /// <summary>The longest filter read; a longer one is refused with <see cref="FilterError"/>.</summary>
    public const int MaxFilterLength = 50;

    /// <summary>Lines listed at most on the page; more are summed by group (the CSV and the API have them all).</summary>
    public const int MaxShownLines = 500;

    /// <summary>From this many lines on, the section offers the filter.</summary>
    public const int FilterFrom = 10;

    public const string Anchor = "budget-lines";

    private const string BasicTitle = "基本支出";

    public int MatchingCount => Groups.Sum(g => g.Count);
    public decimal MatchingTotal => Groups.Sum(g => g.Total);

    /// <summary>Whether the lines themselves are listed (else only the groups' sums).</summary>
    public bool ShowsLines => MatchingCount <= MaxShownLines;

    public bool OffersFilter => Page is not null && (Count >= FilterFrom || Filter is not null);

    /// <summary>The page's address showing the lines that match <paramref name="filter"/> (all when null), at the section.</summary>
    public string Href(string? filter) =>
        $"{Page}{(filter is null ? "" : $"?{QueryKey}={Uri.EscapeDataString(filter)}")}#{Anchor}";

    /// <summary>
    /// The section for <paramref name="lines"/> named from <paramref name="catalogs"/>, filtered by <paramref name="filter"/>
    /// (as typed); <paramref name="published"/> is the published disclosure's department and year (null in a preview).
    /// </summary>
    public static BudgetLinesView Of(IReadOnlyList<BudgetLine> lines, YearCatalogs catalogs, (string Code, int Year)? published, string? filter = null)
    {
        filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        string? error = null;
        if (filter is { Length: > MaxFilterLength })
        {
            error = $"筛选条件有 {filter.Length} 个字，至多 {MaxFilterLength} 个字；下面列出全部明细。";
            filter = null;
        }
        var groups = lines
            .Select((line, i) => (Line: line, Order: i))
            .GroupBy(l => l.Line.Project)
            // 基本支出 (no project) first, then the projects in the order they were first entered, as 表7 lists them.
            .OrderBy(g => g.Key is null ? -1 : g.Min(l => l.Order))
            .Select(g => Group(g.Key, [.. g.Select(l => l.Line)], catalogs, filter))
            .Where(g => g.Count > 0)
            .ToList();
        return new BudgetLinesView(
            published is { } p ? $"/departments/{p.Code}/{p.Year}" : null,
            published is { } a ? $"/api/v1/disclosures/{a.Code}/{a.Year}/lines" : null,
            filter, error, lines.Count, lines.Sum(l => l.Amount), groups);
    }

    private static BudgetLineGroup Group(string? project, IReadOnlyList<BudgetLine> lines, YearCatalogs catalogs, string? filter)
    {
        var title = project ?? BasicTitle;
        var leader = lines.Select(l => l.ProjectLeader).FirstOrDefault(l => l is not null);
        var rows = lines
            .Select(l => (Line: l, Row: new BudgetLineRow(
                ClassificationCode.Printed(l.FunctionalCode), catalogs.Functional.NameOf(l.FunctionalCode) ?? "",
                ClassificationCode.Printed(l.EconomicCode), catalogs.Economic.NameOf(l.EconomicCode) ?? "",
                LineSheet.Label(l.Spending), l.SourceInfo.Label, l.Amount)))
            .Where(r => filter is null || Matches(r.Line, r.Row, title, filter))
            .OrderBy(r => r.Line.FunctionalCode, StringComparer.Ordinal)
            .ThenBy(r => r.Line.EconomicCode, StringComparer.Ordinal)
            .ThenBy(r => r.Line.Spending)
            .ThenBy(r => r.Line.Source)
            .Select(r => r.Row)
            .ToList();
        return new BudgetLineGroup(title, project, leader, rows, rows.Count, rows.Sum(r => r.Amount));
    }

    /// <summary>A code (or its start: 201, 201 31, 2013150) or part of the group's title, the leader, a name, the type or the source.</summary>
    private static bool Matches(BudgetLine line, BudgetLineRow row, string groupTitle, string filter)
    {
        var digits = new string(filter.Normalize(System.Text.NormalizationForm.FormKC)
            .Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '.')).ToArray());
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && (line.FunctionalCode.StartsWith(digits, StringComparison.Ordinal) || line.EconomicCode.StartsWith(digits, StringComparison.Ordinal)))
            return true;
        return new[] { groupTitle, line.ProjectLeader, row.FunctionalName, row.EconomicName, row.Spending, row.Source }
            .Any(text => text?.Contains(filter, StringComparison.OrdinalIgnoreCase) == true);
    }
}

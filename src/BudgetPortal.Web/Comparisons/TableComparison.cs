using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Comparisons;

/// <summary>One line of a comparison: a row of the table (same identity in every disclosure) and its amount in each.</summary>
public sealed record ComparedRow(string Id, string Label, int Depth, IReadOnlyList<decimal?> Amounts)
{
    /// <summary>Change between consecutive columns (null where either side is missing).</summary>
    public decimal? Change(int column) => column > 0 && Amounts[column] is { } b && Amounts[column - 1] is { } a ? b - a : null;

    public decimal? ChangePercent(int column) =>
        column > 0 && Amounts[column] is { } b && Amounts[column - 1] is { } a && a != 0m ? NoteFormat.ChangePercent(b, a) : null;

    /// <summary>A change of a fifth or more (or from or to zero) is highlighted (where it is written: the page never highlights an empty cell).</summary>
    public bool IsLarge(int column) =>
        column > 0 && (Amounts[column] ?? 0m) is var b && (Amounts[column - 1] ?? 0m) is var a && a != b &&
        (a == 0m || b == 0m || Math.Abs(b - a) / Math.Abs(a) >= 0.2m);
}

/// <summary>
/// The same table of several disclosures side by side (a department over its years, or several
/// departments in one year): rows matched by what they are (total, fixed line, code, project), the
/// table's main amount column compared.
/// </summary>
public sealed class TableComparison
{
    public required TableKind Kind { get; init; }
    /// <summary>
    /// A department over its years (each column against the year before: 比上年增减), or departments of one
    /// year side by side (each against the department to its left: 部门之间的差额, not a change over time).
    /// </summary>
    public required bool OverTime { get; init; }
    public string DifferenceHeading => OverTime ? "比上年增减" : "部门之间的差额";
    public string RateHeading => OverTime ? "增减率" : "差额率";
    public required string Title { get; init; }
    public required string Column { get; init; }
    public required IReadOnlyList<string> Headings { get; init; }
    /// <summary>When each compared disclosure was published or last corrected.</summary>
    public required IReadOnlyList<string> Published { get; init; }
    public required IReadOnlyList<ComparedRow> Rows { get; init; }

    public static TableComparison Of(TableKind kind, IReadOnlyList<(string Heading, Disclosure Disclosure)> columns, bool overTime)
    {
        var order = new List<(RowId Id, string Label, int Depth)>();
        var seen = new HashSet<RowId>();
        foreach (var (_, d) in columns)
        {
            var schema = d.Schema(kind);
            // Projects are matched by 项 and name across disclosures (their position differs from one to another).
            foreach (var row in d.Table(kind).Rows)
                if (seen.Add(RowId.Across(row)))
                    order.Add((RowId.Across(row), row.Kind == RowKind.Department ? "部门合计" : schema.RowLabel(row), Depth(row)));
        }
        var first = columns[0].Disclosure.Schema(kind);
        // Totals first, then fixed lines in schema order, then codes in code order, then projects.
        var rows = order
            .OrderBy(o => o.Id.Rank)
            .ThenBy(o => o.Id.IsFixed ? first.FixedRows.Select((f, i) => (f, i)).FirstOrDefault(x => x.f.Key == o.Id.Value).i : 0)
            .ThenBy(o => o.Id.ToString(), StringComparer.Ordinal)
            .Select(o => new ComparedRow(o.Id.ToString(), o.Label, o.Depth, columns.Select(c => Amount(c.Disclosure, kind, o.Id)).ToList()))
            .ToList();
        return new TableComparison
        {
            Kind = kind, OverTime = overTime, Title = TableSchemas.Title(kind), Column = first.Column(first.MainColumn).Header,
            Headings = columns.Select(c => c.Heading).ToList(), Rows = rows,
            Published = columns.Select(c => $"{c.Heading}：第 {c.Disclosure.Version} 版，{(c.Disclosure.Version > 1 ? "更正" : "发布")}于 {c.Disclosure.PublishedAt?.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd}").ToList(),
        };
    }

    private static int Depth(TableRow row) => row.Kind switch
    {
        RowKind.Total or RowKind.Department => 0,
        RowKind.Fixed => 1,
        RowKind.Project => 3,
        _ => (row.Code?.Length ?? 3) / 2,
    };

    /// <summary>The row's amount in one disclosure (the schema says which column: 表1/表4 income lines their 收入), or null when it has no such row.</summary>
    private static decimal? Amount(Disclosure d, TableKind kind, RowId id) =>
        id.Find(d.Table(kind)) is { } row ? row.Amount(d.Schema(kind).AmountColumn(id)) : null;
}

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

    /// <summary>A change of a fifth or more (or from or to nothing) is highlighted.</summary>
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
    public required string Title { get; init; }
    public required string Column { get; init; }
    public required IReadOnlyList<string> Headings { get; init; }
    /// <summary>When each compared disclosure was published or last corrected.</summary>
    public required IReadOnlyList<string> Published { get; init; }
    public required IReadOnlyList<ComparedRow> Rows { get; init; }

    /// <summary>The column compared: 支出 for 表1 (its income lines use 收入), 合计/总计 elsewhere.</summary>
    public static string MainColumn(TableKind kind) => kind == TableKind.IncomeAndExpenditure ? "expenditure" : "total";

    public static TableComparison Of(TableKind kind, IReadOnlyList<(string Heading, Disclosure Disclosure)> columns)
    {
        var main = MainColumn(kind);
        var order = new List<(string Id, string Label, int Depth)>();
        var seen = new HashSet<string>();
        foreach (var (_, d) in columns)
        {
            var schema = d.Schema(kind);
            var projects = 0;
            foreach (var row in d.Table(kind).Rows)
            {
                if (row.Kind == RowKind.Project) projects++;
                var (id, label, depth) = Identify(schema, row, projects);
                if (seen.Add(id)) order.Add((id, label, depth));
            }
        }
        // Totals first, then fixed lines in schema order, then codes in code order, then projects.
        var rows = order
            .OrderBy(o => o.Id == "total" ? 0 : o.Id.StartsWith("fixed:", StringComparison.Ordinal) ? 1 : o.Id.StartsWith("code:", StringComparison.Ordinal) ? 2 : 3)
            .ThenBy(o => o.Id.StartsWith("fixed:", StringComparison.Ordinal) ? FixedIndex(kind, columns[0].Disclosure, o.Id[6..]) : 0)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => new ComparedRow(o.Id, o.Label, o.Depth, columns.Select(c => Amount(kind, c.Disclosure, o.Id, main)).ToList()))
            .ToList();
        return new TableComparison
        {
            Kind = kind, Title = TableSchemas.Title(kind), Column = columns[0].Disclosure.Schema(kind).Column(main).Header,
            Headings = columns.Select(c => c.Heading).ToList(), Rows = rows,
            Published = columns.Select(c => $"{c.Heading}：第 {c.Disclosure.Version} 版，{(c.Disclosure.Version > 1 ? "更正" : "发布")}于 {c.Disclosure.PublishedAt?.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd}").ToList(),
        };
    }

    private static int FixedIndex(TableKind kind, Disclosure d, string key) =>
        d.Schema(kind).FixedRows.Select((f, i) => (f, i)).FirstOrDefault(x => x.f.Key == key).i;

    private static (string Id, string Label, int Depth) Identify(TableSchema schema, TableRow row, int projectIndex) => row.Kind switch
    {
        // Projects are matched by 项 and name across disclosures (their position differs from one to another).
        RowKind.Total => ("total", schema.RowLabel(row), 0),
        RowKind.Fixed => ($"fixed:{row.Key}", schema.RowLabel(row), 1),
        RowKind.Department => ("department", "部门合计", 0),
        RowKind.Project => ($"project:{row.Code}:{row.Project}", schema.RowLabel(row), 3),
        _ => ($"code:{row.Code}", schema.RowLabel(row), (row.Code?.Length ?? 3) / 2),
    };

    private static decimal? Amount(TableKind kind, Disclosure d, string id, string main)
    {
        var table = d.Table(kind);
        TableRow? row = id switch
        {
            "total" => table.Total,
            "department" => table.Rows.FirstOrDefault(r => r.Kind == RowKind.Department),
            _ when id.StartsWith("fixed:", StringComparison.Ordinal) => table.Fixed(id[6..]),
            _ when id.StartsWith("code:", StringComparison.Ordinal) => table.ByCode(id[5..]),
            _ => table.Rows.FirstOrDefault(r => r.Kind == RowKind.Project && $"project:{r.Code}:{r.Project}" == id),
        };
        if (row is null) return null;
        var column = kind == TableKind.IncomeAndExpenditure && id.StartsWith("fixed:", StringComparison.Ordinal) ? "income"
            : kind == TableKind.IncomeAndExpenditure && id == "total" ? "expenditure"
            : kind == TableKind.FiscalAppropriation && id.StartsWith("fixed:", StringComparison.Ordinal) ? "income" : main;
        return row.Amount(column);
    }
}

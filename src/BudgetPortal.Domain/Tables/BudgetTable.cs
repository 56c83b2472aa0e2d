namespace BudgetPortal.Domain.Tables;

/// <summary>One of the eleven tables of a disclosure: its printed rows, or the sentence of an empty table.</summary>
public sealed class BudgetTable
{
    private readonly List<TableRow> _rows = [];

    private BudgetTable() { }

    public BudgetTable(TableKind kind, IEnumerable<TableRow> rows, string? emptyText = null)
    {
        Kind = kind;
        var ordinal = 0;
        foreach (var row in rows)
        {
            row.Ordinal = ordinal++;
            _rows.Add(row);
        }
        EmptyText = string.IsNullOrWhiteSpace(emptyText) ? null : TextLimits.Check(emptyText, TextLimits.EmptyText, $"表{(int)kind}的空表说明");
    }

    public int Id { get; private set; }
    public int DisclosureId { get; private set; }
    public TableKind Kind { get; private set; }
    public int Number => (int)Kind;

    /// <summary>The sentence printed under an empty table (…为空表。), as published.</summary>
    public string? EmptyText { get; private set; }

    public IReadOnlyList<TableRow> Rows => _rows.OrderBy(r => r.Ordinal).ToList();

    /// <summary>An empty table has no data rows (表10 still prints its fixed labels, blank).</summary>
    public bool IsEmpty => _rows.Count == 0 || _rows.All(r => r.Cells.Count == 0);

    public TableRow? Total => _rows.FirstOrDefault(r => r.Kind == RowKind.Total);

    /// <summary>
    /// The table's amount: its total row in the schema's main column (表1's 支出总计, the department's
    /// budget; 合计/总计 elsewhere), zero when there is no total row.
    /// </summary>
    public decimal MainTotal => TotalOf(TableSchemas.MainColumn(Kind));

    public TableRow? Fixed(string key) => _rows.FirstOrDefault(r => r.Kind == RowKind.Fixed && r.Key == key);

    public TableRow? ByCode(string code) =>
        _rows.FirstOrDefault(r => r.Code == code && r.Kind is not RowKind.Project);

    /// <summary>A cell of the total row; zero when blank or when the table has no total row.</summary>
    public decimal TotalOf(string column) => Total?.Amount(column) ?? 0m;

    /// <summary>A cell of a fixed line (表1/表4 income lines, 表10 items); zero when blank or not printed.</summary>
    public decimal FixedOf(string key, string column) => Fixed(key)?.Amount(column) ?? 0m;

    /// <summary>A cell of a 类/款/项 row; zero when blank or when the table has no such row.</summary>
    public decimal CellOf(string code, string column) => ByCode(code)?.Amount(column) ?? 0m;

    public IEnumerable<TableRow> OfKind(RowKind kind) => Rows.Where(r => r.Kind == kind);

    /// <summary>A copy for another version, sharing no row with this one.</summary>
    public BudgetTable Copy() => new(Kind, Rows.Select(r => r.Copy()), EmptyText);
}

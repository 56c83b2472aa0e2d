using BudgetPortal.Domain.Classification;

namespace BudgetPortal.Domain.Tables;

/// <summary>A body cell as printed: a label (row header) or an amount (blank for zero).</summary>
public sealed record PrintedCell(string Text, bool IsLabel, int ColSpan = 1, decimal? Amount = null, string? Column = null, string? RowId = null)
{
    /// <summary>Indentation level of a label (其中 lines of 表1, 表10).</summary>
    public int Indent { get; init; }

    public static PrintedCell Label(string text, int colSpan = 1, int indent = 0) => new(text, true, colSpan) { Indent = indent };
    public static PrintedCell Code(string text) => new(text, false);
    public static PrintedCell Blank() => new("", false);
    public static PrintedCell Money(decimal? amount, string column, string rowId) =>
        new(Amounts.Format(amount, AmountStyle.Cell), false, 1, amount is 0m ? null : amount, column, rowId);
}

/// <summary>A printed body row; Kind lets pages style totals.</summary>
public sealed record PrintedRow(IReadOnlyList<PrintedCell> Cells, RowKind? Kind);

/// <summary>
/// A table laid out as printed: header rows, numbering row and body rows with every label and
/// amount in its place, so the web page, the PDF and the CSV show exactly the same grid.
/// </summary>
public sealed class PrintedTable
{
    public required TableSchema Schema { get; init; }
    public required IReadOnlyList<PrintedRow> Body { get; init; }
    /// <summary>The empty-table sentence, or null when the table has data.</summary>
    public string? EmptyText { get; init; }
    public int Width => Schema.LabelColumnCount + Schema.Columns.Count;

    /// <summary>The table as printed; the 类 list of 表1/表4 is named by the year's 功能分类 catalog when given.</summary>
    public static PrintedTable Build(BudgetTable table, int fiscalYear, string departmentName, ClassificationCatalog? catalog = null)
    {
        var schema = TableSchemas.For(table.Kind, fiscalYear);
        var body = schema.Layout switch
        {
            TableLayout.TwoSided => TwoSided(schema, table, catalog),
            TableLayout.FixedRows => FixedRows(schema, table),
            _ => Listed(schema, table, departmentName),
        };
        string? empty = null;
        if (table.IsEmpty && schema.EmptySentence is not null)
            empty = table.EmptyText ?? schema.FormatEmptySentence(departmentName, fiscalYear);
        return new PrintedTable { Schema = schema, Body = body, EmptyText = empty };
    }

    /// <summary>A row's amount cells, each carrying the row's <see cref="Tables.RowId"/> (data-row in HTML).</summary>
    private static PrintedCell[] Amounts(TableRow? row, IEnumerable<string> columns, RowId rowId) =>
        columns.Select(c => PrintedCell.Money(row?[c], c, rowId.ToString())).ToArray();

    private static List<PrintedRow> TwoSided(TableSchema schema, BudgetTable table, ClassificationCatalog? catalog)
    {
        var incomeColumns = schema.IncomeColumns;
        var expenditureColumns = schema.Columns.Select(c => c.Key).Except(incomeColumns).ToList();

        var income = schema.FixedRows
            .Select(f => (Label: f.Label, Indent: f.Indent, Row: table.Fixed(f.Key))).ToList();
        var listed = schema.ExpenditureCategories.Select(c => c.Key).ToHashSet();
        var expenditure = schema.ExpenditureCategories
            .Select(c => (Label: $"{c.Key} {schema.CategoryName(c.Key, catalog)}", Code: c.Key, Row: table.ByCode(c.Key)))
            // A 类 outside the printed list still appears, after it, rather than being lost.
            .Concat(table.OfKind(RowKind.Category).Where(r => !listed.Contains(r.Code!))
                .Select(r => (Label: $"{r.Code} {r.Name}", Code: r.Code!, Row: (TableRow?)r)))
            .ToList();

        var rows = new List<PrintedRow>();
        for (var i = 0; i < Math.Max(income.Count, expenditure.Count); i++)
        {
            var cells = new List<PrintedCell>();
            if (i < income.Count)
            {
                cells.Add(PrintedCell.Label(income[i].Label, indent: income[i].Indent));
                cells.AddRange(Amounts(income[i].Row, incomeColumns, RowId.Fixed(schema.FixedRows[i].Key)));
            }
            else
            {
                cells.Add(PrintedCell.Blank());
                cells.AddRange(incomeColumns.Select(_ => PrintedCell.Blank()));
            }
            if (i < expenditure.Count)
            {
                cells.Add(PrintedCell.Label(expenditure[i].Label));
                cells.AddRange(Amounts(expenditure[i].Row, expenditureColumns, RowId.Code(expenditure[i].Code)));
            }
            else
            {
                cells.Add(PrintedCell.Blank());
                cells.AddRange(expenditureColumns.Select(_ => PrintedCell.Blank()));
            }
            rows.Add(new PrintedRow(cells, RowKind.Fixed));
        }
        var total = table.Total;
        var footer = new List<PrintedCell> { PrintedCell.Label("收入总计") };
        footer.AddRange(Amounts(total, incomeColumns, RowId.Total));
        footer.Add(PrintedCell.Label("支出总计"));
        footer.AddRange(Amounts(total, expenditureColumns, RowId.Total));
        rows.Add(new PrintedRow(footer, RowKind.Total));
        return rows;
    }

    private static List<PrintedRow> FixedRows(TableSchema schema, BudgetTable table) =>
        schema.FixedRows.Select(f => new PrintedRow(
            [PrintedCell.Label(f.Label, indent: f.Indent), .. Amounts(table.Fixed(f.Key), schema.Columns.Select(c => c.Key), RowId.Fixed(f.Key))],
            f.Key == "total" ? RowKind.Total : RowKind.Fixed)).ToList();

    private static List<PrintedRow> Listed(TableSchema schema, BudgetTable table, string departmentName)
    {
        var columns = schema.Columns.Select(c => c.Key).ToList();
        var codeColumns = schema.CodeColumnCount;
        var rows = new List<PrintedRow>();
        var projects = 0;
        foreach (var row in table.Rows)
        {
            if (row.Kind == RowKind.Project) projects++;
            var cells = new List<PrintedCell>();
            switch (row.Kind)
            {
                case RowKind.Total:
                    cells.Add(PrintedCell.Label("总计", schema.LabelColumnCount));
                    break;
                case RowKind.Department:
                    cells.Add(PrintedCell.Label(row.Name ?? departmentName, schema.LabelColumnCount));
                    break;
                case RowKind.Project when schema.Layout == TableLayout.Carryover:
                    cells.Add(PrintedCell.Label(row.Project ?? row.Name ?? ""));
                    break;
                default:
                    var tokens = ClassificationCode.Tokens(row.Code);
                    for (var i = 0; i < codeColumns; i++)
                        cells.Add(PrintedCell.Code(i < tokens.Count ? tokens[i] : ""));
                    cells.Add(PrintedCell.Label(row.Name ?? ""));
                    if (schema.Layout == TableLayout.Projects)
                        cells.Add(row.Kind == RowKind.Project ? PrintedCell.Label(row.Project ?? "") : PrintedCell.Blank());
                    break;
            }
            cells.AddRange(Amounts(row, columns, RowId.Of(row, projects)));
            rows.Add(new PrintedRow(cells, row.Kind));
        }
        return rows;
    }
}

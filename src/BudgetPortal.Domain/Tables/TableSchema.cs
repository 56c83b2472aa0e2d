using BudgetPortal.Domain.Classification;
namespace BudgetPortal.Domain.Tables;

/// <summary>A numeric column: its key in the row/cell model, its printed header and number.</summary>
public sealed record ColumnDef(string Key, string Header, string? Number);

/// <summary>A header cell as printed, spanning columns and header rows.</summary>
public sealed record HeaderCell(string Text, int ColSpan = 1, int RowSpan = 1);

/// <summary>A fixed printed line (表1/表4 income lines, 表10 items, the 类 list of 表1/表4).</summary>
public sealed record FixedRowDef(string Key, string Label, int Indent = 0);

/// <summary>
/// Everything about a table that is not data: title, header rows as printed (two-level groups and
/// the ※ 1 2 3 numbering row), the columns, the layout of the rows and the fixed lines. One schema
/// per table kind and layout year; rendering, printing, forms, import and checks read it.
/// </summary>
public sealed class TableSchema
{
    public required TableKind Kind { get; init; }
    public int Number => (int)Kind;
    public required string Title { get; init; }
    public required TableLayout Layout { get; init; }

    /// <summary>The numeric columns in printed order.</summary>
    public required IReadOnlyList<ColumnDef> Columns { get; init; }

    /// <summary>Header rows as printed, left to right, with spans; the numbering row is separate.</summary>
    public required IReadOnlyList<IReadOnlyList<HeaderCell>> HeaderRows { get; init; }

    /// <summary>
    /// The name of every printed column, labels and amounts, in printed order, as a flat file (CSV, the year's
    /// data package, its schema) heads them: the headers above each column (<see cref="HeaderGrid.ColumnNames"/>).
    /// Unique in every table — a file with two columns called 预算数 cannot be read by name — which
    /// TableSchemas checks when it builds a schema.
    /// </summary>
    public IReadOnlyList<string> ColumnNames => _columnNames ??= HeaderGrid.Of(this).ColumnNames(this);
    private IReadOnlyList<string>? _columnNames;

    /// <summary>The ※ 1 2 3 … row, or null where the table prints none (表1, 表4).</summary>
    public IReadOnlyList<string>? NumberingRow { get; init; }

    /// <summary>How many label columns precede the numeric columns on the page.</summary>
    public required int LabelColumnCount { get; init; }

    /// <summary>Fixed income lines (表1, 表4) or fixed items (表10).</summary>
    public IReadOnlyList<FixedRowDef> FixedRows { get; init; } = [];

    /// <summary>
    /// The 类 list printed on the expenditure side of 表1/表4: which codes the year's layout prints, with
    /// the names of the ministry's template (what <see cref="CategoryName"/> falls back to without a catalog).
    /// </summary>
    public IReadOnlyList<FixedRowDef> ExpenditureCategories { get; init; } = [];

    /// <summary>
    /// A 类's name as printed on the expenditure side: the year's 功能分类 catalog's (as the administrators
    /// load it), else the layout's; empty for a code neither knows.
    /// </summary>
    public string CategoryName(string code, ClassificationCatalog? catalog) =>
        catalog?.NameOf(code) ?? LayoutCategoryName(code) ?? "";

    /// <summary>The name the layout's 类 list gives a code (the ministry's template), or null.</summary>
    public string? LayoutCategoryName(string code) => ExpenditureCategories.FirstOrDefault(c => c.Key == code)?.Label;

    /// <summary>Columns of the income side (表1/表4); the rest belong to the expenditure side.</summary>
    public IReadOnlyList<string> IncomeColumns { get; init; } = [];

    /// <summary>
    /// The table's arithmetic: each row's 合计 from its columns, 类 from 款 from 项, 总计 from the 类,
    /// income lines from their 其中 lines, and 收入总计 = 支出总计. The checks report a table breaking
    /// them; <see cref="TableArithmetic"/> computes derived cells from them.
    /// </summary>
    public IReadOnlyList<TableIdentity> Identities { get; init; } = [];

    /// <summary>
    /// How a line-based budget's lines go into the table: which lines it takes, and the row and column of
    /// each (Lines/LineDerivation sums them into the leaves; <see cref="TableArithmetic.Derive"/> does the rest).
    /// </summary>
    public IReadOnlyList<LineProjection> LineProjections { get; init; } = [];

    /// <summary>The column that is the table's amount: 表1's 支出 (预算数), every other table's 合计/总计.</summary>
    public string MainColumn => TableSchemas.MainColumn(Kind);

    /// <summary>The column a row's amount is read from: the income side's for 表1/表4's income lines, else <see cref="MainColumn"/>.</summary>
    public string AmountColumn(RowId row) => row.IsFixed && Layout == TableLayout.TwoSided ? IncomeColumns[0] : MainColumn;

    /// <summary>The empty-table sentence; {0} = department, {1} = year. Null where a table is never empty.</summary>
    public string? EmptySentence { get; init; }

    /// <summary>Wide tables print on landscape pages.</summary>
    public bool Landscape { get; init; }

    public ColumnDef Column(string key) =>
        Columns.FirstOrDefault(c => c.Key == key) ?? throw new DomainException($"表{Number}没有列“{key}”。");

    public bool HasColumn(string key) => Columns.Any(c => c.Key == key);

    /// <summary>The classification its row codes belong to: 经济分类 in 表6, 功能分类 elsewhere.</summary>
    public ClassificationScheme CodeScheme => Layout == TableLayout.EconomicTree ? ClassificationScheme.Economic : ClassificationScheme.Functional;

    /// <summary>
    /// How many code columns (类, 款, 项) come before the names: 3 in 功能分类 trees and 表7, 2 in 表6, none
    /// otherwise (表1/表4 print code and name in one cell, 表10 and 表11 have no codes). The printed grid,
    /// the workbook and its upload all read this.
    /// </summary>
    public int CodeColumnCount => Layout switch
    {
        TableLayout.FunctionalTree or TableLayout.Projects => 3,
        TableLayout.EconomicTree => 2,
        _ => 0,
    };

    public string FixedLabel(string key) =>
        FixedRows.FirstOrDefault(f => f.Key == key)?.Label ?? throw new DomainException($"表{Number}没有固定行“{key}”。");

    /// <summary>
    /// The kind of a row identified by its code: 类/款 of 经济分类 in 表6, 类/款/项 of 功能分类 elsewhere;
    /// null for a code that has no row in this table.
    /// </summary>
    public RowKind? KindOfCode(string code) => (CodeScheme == ClassificationScheme.Economic, code.Length) switch
    {
        (true, 3) => RowKind.EconomicCategory,
        (true, 5) => RowKind.EconomicClass,
        (false, 3) => RowKind.Category,
        (false, 5) => RowKind.Class,
        (false, 7) => RowKind.Item,
        _ => null,
    };

    /// <summary>
    /// How a row is named in messages, differences and comparisons: 总计, a fixed line's label, the
    /// department, 项目“…”, or the printed code and name (201 31 50 事业运行).
    /// </summary>
    public string RowLabel(TableRow row) => row.Kind switch
    {
        RowKind.Total => "总计",
        RowKind.Fixed => FixedRows.FirstOrDefault(f => f.Key == row.Key)?.Label ?? row.Key ?? "",
        RowKind.Department => row.Name ?? "部门",
        RowKind.Project => $"项目“{row.Project}”",
        _ => $"{ClassificationCode.Printed(row.Code)} {row.Name}".Trim(),
    };

    /// <summary>How a row the table lacks is named (a fixed line by its label, a code as printed).</summary>
    public string RowLabel(RowId row) => row.Kind switch
    {
        RowKind.Total => "总计",
        RowKind.Fixed => FixedRows.FirstOrDefault(f => f.Key == row.Value)?.Label ?? row.Value ?? "",
        RowKind.Department => "部门",
        RowKind.Project => $"项目 {row.Value}",
        _ => ClassificationCode.Printed(row.Value),
    };

    public string FormatEmptySentence(string department, int year) =>
        EmptySentence is null ? "" : string.Format(EmptySentence, department, year);
}

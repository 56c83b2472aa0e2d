using BudgetPortal.Domain.Classification;

namespace BudgetPortal.Domain.Tables;

/// <summary>A printed row: what it is (kind, code, name) and its non-blank cells, stated as printed.</summary>
public sealed class TableRow
{
    private readonly List<TableCell> _cells = [];

    private TableRow() { }

    public TableRow(RowKind kind, string? code = null, string? name = null, string? key = null, string? project = null)
    {
        if (code is not null && (code.Length is not (3 or 5 or 7) || !code.All(char.IsAsciiDigit)))
            throw new DomainException($"科目编码“{code}”无效：应为 3、5 或 7 位数字。");
        if (kind == RowKind.Fixed && string.IsNullOrEmpty(key))
            throw new DomainException("固定行缺少行标识。");
        Kind = kind;
        Code = code;
        Name = TextLimits.Check(name, TextLimits.RowName, kind == RowKind.Department ? "部门名称" : "科目名称");
        Key = TextLimits.Check(key, TextLimits.RowKey, "行标识");
        Project = TextLimits.Check(project, TextLimits.RowProject, "项目名称");
    }

    public int Id { get; private set; }
    public int BudgetTableId { get; private set; }
    public int Ordinal { get; internal set; }
    public RowKind Kind { get; private set; }

    /// <summary>Fixed-row key of the schema (表1/表4 income lines, 表10 items).</summary>
    public string? Key { get; private set; }

    /// <summary>Classification code without spaces: 201, 20131, 2013150; 301, 30101.</summary>
    public string? Code { get; private set; }

    /// <summary>The name as printed (科目名称, or the department's name on a department row).</summary>
    public string? Name { get; private set; }

    /// <summary>The project name (表7 project rows, 表11 project rows).</summary>
    public string? Project { get; private set; }

    public IReadOnlyList<TableCell> Cells => _cells;

    /// <summary>The amount in a column, or null when the cell is printed blank.</summary>
    public decimal? this[string column] => _cells.FirstOrDefault(c => c.Column == column)?.Amount;

    /// <summary>The amount in a column, blank read as zero.</summary>
    public decimal Amount(string column) => this[column] ?? 0m;

    public TableRow Set(string column, decimal? amount)
    {
        _cells.RemoveAll(c => c.Column == column);
        if (amount is { } a && a != 0m)
            _cells.Add(new TableCell(column, a));
        return this;
    }

    /// <summary>The code split into its printed tokens: 2013150 → 201, 31, 50.</summary>
    public IReadOnlyList<string> CodeTokens => ClassificationCode.Tokens(Code);

    /// <summary>A copy with the same cells, for another table.</summary>
    public TableRow Copy()
    {
        var copy = new TableRow(Kind, Code, Name, Key, Project);
        copy._cells.AddRange(_cells.Select(c => new TableCell(c.Column, c.Amount)));
        return copy;
    }

    public override string ToString() => $"{Kind} {Code} {Key} {Name} {Project}".Trim();
}

/// <summary>A non-blank cell. Zero is never stored: a blank cell is the absence of a cell.</summary>
public sealed class TableCell
{
    private TableCell() { Column = ""; }

    public TableCell(string column, decimal amount)
    {
        Column = column;
        Amount = amount;
    }

    public string Column { get; private set; }
    public decimal Amount { get; private set; }
}

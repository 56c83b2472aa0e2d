namespace BudgetPortal.Domain.Tables;

/// <summary>What a budget line pays for, as the tables split it: 人员经费 and 公用经费 (together 基本支出), or 项目支出.</summary>
public enum LineUse { Personnel, Public, Project }

/// <summary>
/// Whose money a budget line spends, as the tables split it: this year's 财政拨款 (表4's money), this
/// year's other money (财政专户核拨, 单位资金), 财政拨款结转, 非财政拨款结转结余 (together 表11's money).
/// </summary>
public enum LineMoney { CurrentFiscal, CurrentOther, FiscalCarryover, NonFiscalCarryover }

/// <summary>
/// What the tables read of one budget line, in their own words: the codes, what it pays for, whose money
/// it is, and the keys of the rows and columns its money belongs to (<see cref="Budget"/> is the key of
/// its budget's column and line: generalBudget, govFund, stateCapital). The tables do not know budget
/// lines themselves: Lines states each line's facts, and the schemas' <see cref="LineProjection"/>s say
/// where they go.
/// </summary>
/// <param name="FunctionalCode">功能分类 项, 7 digits.</param>
/// <param name="EconomicCode">部门经济分类 款, 5 digits.</param>
/// <param name="Project">The project's name (项目支出 only).</param>
/// <param name="Budget">The budget of appropriation money, this year's or carried over, as its column key; null for other money.</param>
/// <param name="IncomeLine">The key of the 表1 income line the money adds to (generalBudgetOwn, unitFundsOther …).</param>
/// <param name="IncomeColumn">The key of the 表2 column the money is in (generalBudget, unitFunds, fiscalCarryover …).</param>
/// <param name="Amount">万元.</param>
public sealed record LineFacts(
    string FunctionalCode, string EconomicCode, LineUse Use, string? Project, LineMoney Money,
    string? Budget, string IncomeLine, string IncomeColumn, decimal Amount)
{
    public bool IsBasic => Use != LineUse.Project;
}

/// <summary>Which lines: those meeting every condition given (a null condition takes any line).</summary>
public sealed record LineSelection
{
    public static readonly LineSelection All = new();

    /// <summary>Whose money: one of these.</summary>
    public IReadOnlyList<LineMoney>? Money { get; init; }

    /// <summary>Of this budget (its column key).</summary>
    public string? Budget { get; init; }

    /// <summary>Paying for one of these.</summary>
    public IReadOnlyList<LineUse>? Use { get; init; }

    /// <summary>With an economic code that is one of these or lies under one (a 类 of 3 digits takes its 款).</summary>
    public IReadOnlyList<string>? Economic { get; init; }

    public bool Takes(LineFacts line) =>
        (Money is null || Money.Contains(line.Money))
        && (Budget is null || Budget == line.Budget)
        && (Use is null || Use.Contains(line.Use))
        && (Economic is null || Economic.Any(code => line.EconomicCode.StartsWith(code, StringComparison.Ordinal)));
}

/// <summary>How a table finds a line's row.</summary>
public enum LineRowBy
{
    /// <summary>The line's 功能分类 项 (表2, 表3, 表5, 表8, 表9).</summary>
    Item,
    /// <summary>The 功能分类 类 of its 项 (the expenditure side of 表1 and 表4).</summary>
    Category,
    /// <summary>Its 经济分类 款 (表6).</summary>
    EconomicClass,
    /// <summary>Its project, under its 项 (表7).</summary>
    ItemProject,
    /// <summary>Its project by name; every basic line in one row named <see cref="LineRow.Key"/> (表11).</summary>
    Project,
    /// <summary>The 表1 income line its money adds to.</summary>
    IncomeLine,
    /// <summary>The fixed line <see cref="LineRow.Key"/> (表4's income by budget, 表10's items).</summary>
    Fixed,
}

/// <summary>A row of a table as a line places it, before it has a name: what <see cref="TableRow"/> it becomes.</summary>
public readonly record struct LeafRow(RowKind Kind, string? Code = null, string? Key = null, string? Project = null);

/// <summary>How a table finds a line's row; <see cref="Key"/> is the fixed line's key, or the name of 表11's row of basic lines.</summary>
public sealed record LineRow(LineRowBy By, string? Key = null)
{
    public LeafRow Of(LineFacts line) => By switch
    {
        LineRowBy.Item => new(RowKind.Item, line.FunctionalCode),
        LineRowBy.Category => new(RowKind.Category, line.FunctionalCode[..3]),
        LineRowBy.EconomicClass => new(RowKind.EconomicClass, line.EconomicCode),
        LineRowBy.ItemProject => new(RowKind.Project, line.FunctionalCode, Project: line.Project),
        LineRowBy.Project => new(RowKind.Project, Project: line.IsBasic ? Key : line.Project),
        LineRowBy.IncomeLine => new(RowKind.Fixed, Key: line.IncomeLine),
        LineRowBy.Fixed => new(RowKind.Fixed, Key: Key),
        _ => throw new ArgumentOutOfRangeException(nameof(By)),
    };
}

/// <summary>A column a line goes to when the selection takes it.</summary>
public sealed record LineCase(string Column, LineSelection When);

/// <summary>How a table finds a line's column: the first case that takes the line, or the line's own 表2 column.</summary>
public sealed record LineColumns
{
    private LineColumns() { }

    public IReadOnlyList<LineCase> Cases { get; private init; } = [];

    /// <summary>The line's 表2 column (<see cref="LineFacts.IncomeColumn"/>) rather than cases.</summary>
    public bool IsIncomeColumn { get; private init; }

    public static LineColumns Fixed(string column) => new() { Cases = [new LineCase(column, LineSelection.All)] };
    public static LineColumns By(params LineCase[] cases) => new() { Cases = cases };
    public static readonly LineColumns IncomeColumn = new() { IsIncomeColumn = true };

    /// <summary>The column of the line, or null when no case takes it.</summary>
    public string? Of(LineFacts line)
    {
        if (IsIncomeColumn) return line.IncomeColumn;
        foreach (var c in Cases)
            if (c.When.Takes(line)) return c.Column;
        return null;
    }
}

/// <summary>
/// How budget lines go into a table, as data of its schema: which lines it takes, the row and the column
/// each goes to. A table's leaves are the sums of its lines by row and column; the schema's identities
/// then make the rest (<see cref="TableArithmetic.Derive"/>). A table may have several projections (表1
/// puts every line on both sides).
/// </summary>
public sealed record LineProjection(LineSelection Takes, LineRow Row, LineColumns Columns);

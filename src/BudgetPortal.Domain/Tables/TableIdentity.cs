namespace BudgetPortal.Domain.Tables;

/// <summary>
/// An identity among the cells of one table, as data of its schema: the check that reports it
/// breaking (<see cref="Rule"/>, docs/checks.md) and the computation that fills derived cells from
/// the leaves (<see cref="TableArithmetic"/>) both read it. Messages name the row and column with
/// <see cref="Where"/> and <see cref="Says"/>: “{n}” is the table's number, “{row}” the row as the
/// schema names it, “{column}” the column's printed header, “{children}” 款 or 项 (what a 类 or 款 sums).
/// </summary>
public abstract record TableIdentity
{
    /// <summary>The consistency rule that reports a table breaking this identity (A2, B3 …).</summary>
    public required string Rule { get; init; }
    /// <summary>How the parts are named in a message: 基本支出 + 项目支出, 各类之和.</summary>
    public required string Parts { get; init; }
    /// <summary>The location of a comparison (表3 201 一般公共服务支出).</summary>
    public string Where { get; init; } = "表{n} {row}";
    /// <summary>The compared figure (表3 201 一般公共服务支出 合计).</summary>
    public string Says { get; init; } = "表{n} {row} {column}";
}

/// <summary>In every row (of the given kinds): a column is the sum of other columns (表3 合计 = 基本支出 + 项目支出).</summary>
public sealed record RowSum : TableIdentity
{
    public required string Column { get; init; }
    public required IReadOnlyList<string> Of { get; init; }
    /// <summary>The kinds of row it holds in; null: every row (表10: every fixed line, printed or not).</summary>
    public IReadOnlyList<RowKind>? Rows { get; init; }
}

/// <summary>A 类 is the sum of its 款, a 款 of its 项 (功能分类 or 经济分类), in each of the columns (null: all).</summary>
public sealed record TreeSum : TableIdentity
{
    public IReadOnlyList<string>? Columns { get; init; }
    /// <summary>Projects are parts too, of the nearest 类 or 款 above them (表7 lists projects under their 款).</summary>
    public bool Projects { get; init; }
}

/// <summary>
/// The total row (or the department's row of 表7 and 表11) is the sum of the rows of a kind (类, or
/// the projects), in each of the columns.
/// </summary>
public sealed record TotalSum : TableIdentity
{
    public RowId Into { get; init; } = RowId.Total;
    public required RowKind Of { get; init; }
    /// <summary>The columns it holds in; null: all.</summary>
    public IReadOnlyList<string>? Columns { get; init; }
}

/// <summary>A line is the sum of other lines in one column (表1 一、本年收入 = 第 1–5 项之和; 表10 合计 = 出国 + 接待 + 车辆).</summary>
public sealed record LineSum : TableIdentity
{
    public required RowId Line { get; init; }
    public required IReadOnlyList<RowId> Of { get; init; }
    public required string Column { get; init; }
}

/// <summary>
/// Two printed figures that must be equal, exactly (表1 收入总计 = 支出总计). When <see cref="Derives"/>,
/// the left is computed as a copy of the right (表4 收入总计 from 一、财政拨款（补助）).
/// </summary>
public sealed record SidesEqual : TableIdentity
{
    public required RowId Left { get; init; }
    public required string LeftColumn { get; init; }
    public required RowId Right { get; init; }
    public required string RightColumn { get; init; }
    public bool Derives { get; init; }
}

/// <summary>
/// How far a printed total may be from the sum of its printed parts, each rounded on its own to the
/// cent (万元 to two decimals): 0.01 × ⌈n/2⌉ for n non-blank parts (domain spec §4, docs/checks.md).
/// </summary>
public static class Rounding
{
    public const decimal Cent = 0.01m;

    /// <summary>The tolerance for a sum of n printed parts (at least one).</summary>
    public static decimal Tolerance(int parts) => Cent * ((Math.Max(1, parts) + 1) / 2);

    /// <summary>Whether a total is within the rounding of n parts of their sum; with no part, only zero is.</summary>
    public static bool Close(decimal sum, decimal total, int parts) =>
        parts == 0 ? total == 0m : Math.Abs(sum - total) <= Tolerance(parts);
}

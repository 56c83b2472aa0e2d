using System.Globalization;

namespace BudgetPortal.Domain.Tables;

/// <summary>
/// What a row is within its table, the same in every disclosure of that table: <c>total</c>,
/// <c>fixed:{key}</c> (表1/表4 income lines, 表10 items), <c>code:{code}</c> (类/款/项), <c>department</c>,
/// <c>project:{n}</c> (the n-th project row, from 1) on a page, or <c>project:{code}:{name}</c> across
/// disclosures (a project's position differs from one to another). Pages carry it as data-row;
/// comparisons and the prior year's figures match rows by it.
/// </summary>
public readonly record struct RowId(RowKind Kind, string? Value = null)
{
    public static readonly RowId Total = new(RowKind.Total);
    public static readonly RowId Department = new(RowKind.Department);

    public static RowId Fixed(string key) => new(RowKind.Fixed, key);
    public static RowId Code(string code) => new(RowKind.Category, code);
    public static RowId Project(int index) => new(RowKind.Project, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>A project matched across disclosures by its 项 and name.</summary>
    public static RowId Project(string? code, string? name) => new(RowKind.Project, $"{code}:{name?.Trim()}");

    /// <summary>The id of a stored row; projects by their position among the table's project rows (from 1).</summary>
    public static RowId Of(TableRow row, int projectIndex) => Of(row.Kind, row.Key, row.Code, row.Project, projectIndex);

    /// <summary>The id of a row the same in every disclosure: projects by 项 and name.</summary>
    public static RowId Across(TableRow row) => Of(row.Kind, row.Key, row.Code, row.Project);

    /// <summary>The id of a row by its parts; a project by position when given one (from 1), else by 项 and name.</summary>
    public static RowId Of(RowKind kind, string? key, string? code, string? project = null, int projectIndex = 0) => kind switch
    {
        RowKind.Total => Total,
        RowKind.Fixed => Fixed(key ?? ""),
        RowKind.Department => Department,
        RowKind.Project => projectIndex > 0 ? Project(projectIndex) : Project(code, project),
        _ => Code(code ?? ""),
    };

    public bool IsTotal => Kind == RowKind.Total;
    public bool IsFixed => Kind == RowKind.Fixed;
    /// <summary>A 类/款/项 row (functional or economic); the kind is read from the code by the schema.</summary>
    public bool IsCode => Kind is RowKind.Category or RowKind.Class or RowKind.Item or RowKind.EconomicCategory or RowKind.EconomicClass;

    /// <summary>Where rows of this id are listed: totals first, then fixed lines, codes, the department, projects.</summary>
    public int Rank => Kind switch
    {
        RowKind.Total => 0,
        RowKind.Fixed => 1,
        RowKind.Department => 3,
        RowKind.Project => 4,
        _ => 2,
    };

    /// <summary>The row of a table with this id (a project by its position), or null.</summary>
    public TableRow? Find(BudgetTable table)
    {
        var self = this;
        return Kind switch
        {
            RowKind.Total => table.Total,
            RowKind.Fixed => table.Fixed(Value!),
            RowKind.Department => table.OfKind(RowKind.Department).FirstOrDefault(),
            RowKind.Project when int.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) =>
                table.OfKind(RowKind.Project).Skip(n - 1).FirstOrDefault(),
            RowKind.Project => table.OfKind(RowKind.Project).FirstOrDefault(r => Across(r) == self),
            _ => table.ByCode(Value!),
        };
    }

    public override string ToString() => Kind switch
    {
        RowKind.Total => "total",
        RowKind.Fixed => $"fixed:{Value}",
        RowKind.Department => "department",
        RowKind.Project => $"project:{Value}",
        _ => $"code:{Value}",
    };

    /// <summary>Reads <see cref="ToString"/>'s form back; null for anything else.</summary>
    public static RowId? Parse(string? text) => text switch
    {
        "total" => Total,
        "department" => Department,
        { Length: > 6 } when text.StartsWith("fixed:", StringComparison.Ordinal) => Fixed(text[6..]),
        { Length: > 5 } when text.StartsWith("code:", StringComparison.Ordinal) => Code(text[5..]),
        { Length: > 8 } when text.StartsWith("project:", StringComparison.Ordinal) => new RowId(RowKind.Project, text[8..]),
        _ => null,
    };
}

using System.Globalization;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Workspace;

/// <summary>What a table form posts: its rows as typed (amounts as text), and the row to add.</summary>
public sealed class TableInput
{
    /// <summary>The stored table's xmin when the form was shown (0: no table yet).</summary>
    public uint Token { get; set; }
    /// <summary>Amounts were typed in 元 and are converted to 万元 (two decimals).</summary>
    public bool InYuan { get; set; }
    public string? EmptyText { get; set; }
    public List<RowInput> Rows { get; set; } = [];
    /// <summary>A classification code or name to add as a row.</summary>
    public string? AddCode { get; set; }
    /// <summary>A project name to add (表7 with a 项 code, 表11 alone).</summary>
    public string? AddProject { get; set; }
}

public sealed class RowInput
{
    public RowKind Kind { get; set; }
    public string? Key { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Project { get; set; }
    public bool Remove { get; set; }
    public Dictionary<string, string?> Cells { get; set; } = [];
}

/// <summary>
/// The form of one table, generated from its schema: which rows exist and can be added, which
/// columns each row has, how typed amounts are read, and how 款/类/总计 are summed from the leaves.
/// </summary>
public sealed class TableForm(TableSchema schema)
{
    public TableSchema Schema { get; } = schema;

    public bool CanAddCodes => Schema.Layout is TableLayout.FunctionalTree or TableLayout.EconomicTree or TableLayout.Projects;
    public bool CanAddProjects => Schema.Layout is TableLayout.Projects or TableLayout.Carryover;
    public ClassificationScheme Scheme => Schema.CodeScheme;
    /// <summary>The most rows a table may have (far more than any department's 项 or projects).</summary>
    public const int MaxRows = 1000;

    /// <summary>Form values a table form may post: each row's key fields and every column, for <see cref="MaxRows"/> rows.</summary>
    public const int MaxFormValues = MaxRows * (6 + 12) + 100;

    /// <summary>Rows are identified by classification codes (the trees and 表7).</summary>
    public bool CodeColumns => Schema.CodeColumnCount > 0;

    /// <summary>The columns a row has in the form: 表1/表4 split income and expenditure sides.</summary>
    public IReadOnlyList<ColumnDef> ColumnsOf(RowKind kind) => Schema.Layout switch
    {
        TableLayout.TwoSided when kind == RowKind.Fixed => Schema.Columns.Where(c => Schema.IncomeColumns.Contains(c.Key)).ToList(),
        TableLayout.TwoSided when kind == RowKind.Category => Schema.Columns.Where(c => !Schema.IncomeColumns.Contains(c.Key)).ToList(),
        _ => Schema.Columns,
    };

    public string Label(RowInput row) => row.Kind switch
    {
        RowKind.Total => Schema.Layout == TableLayout.TwoSided ? "收入总计 / 支出总计" : "总计",
        RowKind.Fixed => Schema.FixedRows.FirstOrDefault(f => f.Key == row.Key)?.Label ?? row.Key ?? "",
        RowKind.Department => "部门",
        _ => ClassificationCode.Printed(row.Code),
    };

    public int Indent(RowInput row) => row.Kind switch
    {
        RowKind.Fixed => Schema.FixedRows.FirstOrDefault(f => f.Key == row.Key)?.Indent ?? 0,
        RowKind.Class or RowKind.EconomicClass => 1,
        RowKind.Item => 2,
        RowKind.Project => 2,
        _ => 0,
    };

    /// <summary>The form rows of a stored table: every fixed line of the schema, the stored rows otherwise.</summary>
    /// <remarks>表1/表4 list every 类 the layout prints, named by the year's 功能分类 catalog when given.</remarks>
    public TableInput ToInput(BudgetTable table, string departmentName, ClassificationCatalog? catalog = null)
    {
        var input = new TableInput { EmptyText = table.EmptyText };
        static Dictionary<string, string?> Cells(TableRow? row) =>
            row?.Cells.ToDictionary(c => c.Column, c => (string?)c.Amount.ToString("0.00##########", CultureInfo.InvariantCulture)) ?? [];
        switch (Schema.Layout)
        {
            case TableLayout.TwoSided:
                input.Rows.AddRange(Schema.FixedRows.Select(f => new RowInput { Kind = RowKind.Fixed, Key = f.Key, Cells = Cells(table.Fixed(f.Key)) }));
                var listed = Schema.ExpenditureCategories.Select(c => c.Key).ToHashSet();
                input.Rows.AddRange(Schema.ExpenditureCategories.Select(c => new RowInput
                    { Kind = RowKind.Category, Code = c.Key, Name = table.ByCode(c.Key)?.Name ?? Schema.CategoryName(c.Key, catalog), Cells = Cells(table.ByCode(c.Key)) }));
                input.Rows.AddRange(table.OfKind(RowKind.Category).Where(r => !listed.Contains(r.Code!))
                    .Select(r => new RowInput { Kind = RowKind.Category, Code = r.Code, Name = r.Name, Cells = Cells(r) }));
                input.Rows.Add(new RowInput { Kind = RowKind.Total, Cells = Cells(table.Total) });
                break;
            case TableLayout.FixedRows:
                input.Rows.AddRange(Schema.FixedRows.Select(f => new RowInput { Kind = RowKind.Fixed, Key = f.Key, Cells = Cells(table.Fixed(f.Key)) }));
                break;
            default:
                input.Rows.AddRange(table.Rows.Select(r => new RowInput { Kind = r.Kind, Key = r.Key, Code = r.Code, Name = r.Name, Project = r.Project, Cells = Cells(r) }));
                if (input.Rows.All(r => r.Kind != RowKind.Total))
                    input.Rows.Insert(0, new RowInput { Kind = RowKind.Total });
                if (Schema.Layout is TableLayout.Projects or TableLayout.Carryover && input.Rows.All(r => r.Kind != RowKind.Department))
                    input.Rows.Insert(1, new RowInput { Kind = RowKind.Department, Name = departmentName });
                break;
        }
        return input;
    }

    /// <summary>
    /// Reads the typed rows. Each bad amount is reported with the name of its field; the table is
    /// returned only when every field is valid.
    /// </summary>
    public BudgetTable? Read(TableInput input, Action<string, string> error)
    {
        var rows = new List<TableRow>();
        var ok = true;
        if (input.Rows.Count > MaxRows)
        {
            error(string.Empty, $"表{Schema.Number}最多 {MaxRows} 行，提交的有 {input.Rows.Count} 行。");
            return null;
        }
        for (var i = 0; i < input.Rows.Count; i++)
        {
            var r = input.Rows[i];
            if (r.Remove) continue;
            TableRow row;
            try
            {
                row = new TableRow(r.Kind, string.IsNullOrWhiteSpace(r.Code) ? null : r.Code.Trim(), Clean(r.Name), Clean(r.Key), Clean(r.Project));
            }
            catch (DomainException e)
            {
                // The row's own rules (code shape, text limits) name the field; the table and row say where.
                // (A row key is a hidden field: its error goes to the summary above the form.)
                error(e.Message.StartsWith("项目名称", StringComparison.Ordinal) ? $"Input.Rows[{i}].Project"
                    : e.Message.StartsWith("行标识", StringComparison.Ordinal) || r.Kind is RowKind.Fixed or RowKind.Total ? string.Empty : $"Input.Rows[{i}].Name",
                    $"表{Schema.Number}第 {i + 1} 行 {TextLimits.Preview(Label(r))}：{e.Message}");
                ok = false;
                continue;
            }
            if (r.Kind == RowKind.Fixed && Schema.FixedRows.All(f => f.Key != r.Key))
            {
                error($"Input.Rows[{i}].Name", $"表{Schema.Number}没有固定行“{r.Key}”。");
                ok = false;
                continue;
            }
            if (r.Kind == RowKind.Project && string.IsNullOrWhiteSpace(r.Project))
            {
                error($"Input.Rows[{i}].Project", "请填写项目名称。");
                ok = false;
            }
            foreach (var column in ColumnsOf(r.Kind))
            {
                var text = r.Cells.GetValueOrDefault(column.Key);
                if (!TryParseAmount(text, input.InYuan, out var amount, out var message))
                {
                    error($"Input.Rows[{i}].Cells[{column.Key}]", $"{Label(r)} {r.Project ?? r.Name}“{column.Header}”：{message}");
                    ok = false;
                    continue;
                }
                row.Set(column.Key, amount);
            }
            rows.Add(row);
        }
        if (!ok) return null;
        // A table without a single amount is an empty table: no rows, and its sentence.
        if (rows.All(r => r.Cells.Count == 0)) rows.Clear();
        try
        {
            return new BudgetTable(Schema.Kind, rows, Clean(input.EmptyText));
        }
        catch (DomainException e)
        {
            error("Input.EmptyText", e.Message);
            return null;
        }
    }

    /// <summary>An amount as typed (<see cref="AmountLimits.TryParse"/>): 1,234.56, full-width digits, blank is zero; in 元 when asked.</summary>
    public static bool TryParseAmount(string? text, bool inYuan, out decimal? amount, out string message) =>
        AmountLimits.TryParse(text, inYuan, out amount, out message);

    /// <summary>
    /// Fills every derived cell from its parts, as the schema's identities say (<see cref="TableArithmetic"/>):
    /// 款 from 项 (or projects), 类 from 款, 总计 and the department from the 类 or projects, a row's 合计
    /// from its columns, and 表1/表4's income lines from their 其中 lines. Leaves are kept as typed, and
    /// so is a sum none of whose parts is filled in; sums stay editable afterwards. With onlyBlank (保存),
    /// only sums left blank are filled, so a typed sum is kept and checked.
    /// </summary>
    public void Fill(TableInput input, bool onlyBlank = false)
    {
        var rows = input.Rows.Where(r => !r.Remove).ToList();
        decimal? Typed(CellAt cell) =>
            TryParseAmount(rows[cell.Row].Cells.GetValueOrDefault(cell.Column), false, out var a, out _) ? a : null;
        foreach (var derived in Schema.Derivations(rows.Select(r => new RowShape(r.Kind, r.Key, r.Code)).ToList()))
        {
            var parts = derived.Parts.Where(p => p.Row >= 0).Select(Typed).ToList();
            var target = rows[derived.Target.Row];
            var typed = !string.IsNullOrWhiteSpace(target.Cells.GetValueOrDefault(derived.Target.Column));
            if (typed && (onlyBlank || parts.All(p => p is null))) continue;
            var sum = parts.Sum(p => p ?? 0m);
            if (onlyBlank && sum == 0m) continue;
            target.Cells[derived.Target.Column] = Amounts.Format(sum, AmountStyle.Cell);
        }
    }

    /// <summary>Inserts a row by code order (after rows of the same code), with its missing 类 and 款.</summary>
    public static void InsertCoded(List<RowInput> rows, RowInput row)
    {
        var index = rows.FindIndex(r => r.Code is not null && r.Kind != RowKind.Department &&
            string.CompareOrdinal(r.Code, row.Code) > 0);
        if (index < 0) rows.Add(row); else rows.Insert(index, row);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

using System.Globalization;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Workspace;

/// <summary>One line of the lines form as typed: codes, the choices (by their names), the amount as text.</summary>
public sealed class LineInput
{
    public string? Functional { get; set; }
    public string? Economic { get; set; }
    public string? Spending { get; set; }
    public string? Project { get; set; }
    public string? Leader { get; set; }
    public string? Source { get; set; }
    public string? Amount { get; set; }
    public bool Remove { get; set; }

    /// <summary>Nothing typed (a blank row is skipped, not refused).</summary>
    public bool IsBlank => new[] { Functional, Economic, Spending, Project, Leader, Source, Amount }.All(string.IsNullOrWhiteSpace);

    public static LineInput Of(BudgetLine line) => new()
    {
        Functional = line.FunctionalCode, Economic = line.EconomicCode, Spending = LineSheet.Label(line.Spending),
        Project = line.Project, Leader = line.ProjectLeader, Source = line.SourceInfo.Label,
        Amount = line.Amount.ToString("0.00", CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The fields of one line in the form (Pages/Shared/_LineFields): a row's cells, or the labelled fields of
/// the 添加 box (<see cref="Labelled"/>, Enter pressing <see cref="EnterClicks"/>); read-only when not editable.
/// </summary>
public sealed record LineFieldsView(LineInput Row, string Prefix, string Where, bool Editable, YearCatalogs Catalogs, int Year)
{
    public bool Labelled { get; init; }
    public string? EnterClicks { get; init; }
}

/// <summary>The lines form: the draft's lines, a line being added, the row version it was read at.</summary>
public sealed class LinesInput
{
    public uint Token { get; set; }
    public List<LineInput> Lines { get; set; } = [];
    /// <summary>The line typed into the 添加 box (added to the form by 添加, or with the lines by 保存).</summary>
    public LineInput New { get; set; } = new();
}

/// <summary>
/// Reads the lines form into budget lines: every problem at its field (line number and column named, in
/// Chinese), the lines only when there is none. The rules are the line's own
/// (<see cref="BudgetLine.Refusals"/>) and the year's catalogs, which <see cref="Domain.Disclosures.Disclosure.SetLines"/>
/// asks too; here they are placed at the field the officer must change.
/// </summary>
public static class LineForm
{
    /// <summary>
    /// Lines the form edits (a large department's budget has a few hundred; the largest, 2,000). A draft
    /// with more — uploaded from the line template, which takes <see cref="LineSheet.MaxLines"/> — shows them
    /// read-only, to be changed through the template.
    /// </summary>
    public const int MaxLines = 2000;

    /// <summary>Form values the lines form posts at most: a line's seven fields and its 删除, the 添加 box, token and filter.</summary>
    public const int MaxFormValues = MaxLines * 8 + 20;

    /// <summary>A field's column name, as the line sheet's header says it (功能分类科目编码 … 金额（万元）).</summary>
    public static string Column(LineField field) => LineSheet.Headers[(int)LineSheet.ColumnOf(field)];

    /// <summary>The form field of a column (Input.Lines[3].Amount).</summary>
    public static string Field(LineField field) => field switch
    {
        LineField.FunctionalCode => nameof(LineInput.Functional),
        LineField.EconomicCode => nameof(LineInput.Economic),
        LineField.Spending => nameof(LineInput.Spending),
        LineField.Project => nameof(LineInput.Project),
        LineField.ProjectLeader => nameof(LineInput.Leader),
        LineField.Source => nameof(LineInput.Source),
        _ => nameof(LineInput.Amount),
    };

    /// <summary>The id of a field's input (Input.Lines[3].Amount → Input-Lines-3-Amount), for links from the list of problems.</summary>
    public static string InputId(string key) => key.Replace("].", "-").Replace('[', '-').Replace(']', '-').Replace('.', '-');

    /// <summary>
    /// The line of one row, or null with every problem reported through <paramref name="error"/>
    /// (field name within the row, message). <paramref name="where"/> names the row (第 3 行).
    /// </summary>
    public static BudgetLine? Read(LineInput row, string where, YearCatalogs catalogs, Action<LineField, string> error)
    {
        var problems = 0;
        void Refuse(LineField field, string reason)
        {
            problems++;
            error(field, $"{where}“{Column(field)}”：{reason}");
        }
        string? Code(string? typed, LineField field)
        {
            if (string.IsNullOrWhiteSpace(typed)) { Refuse(field, "请填写。"); return null; }
            return ClassificationCode.Normalize(typed) ?? typed.Trim();
        }
        var functional = Code(row.Functional, LineField.FunctionalCode);
        var economic = Code(row.Economic, LineField.EconomicCode);
        // The words of the line template (LineSheet), offered as lists: 人员经费 …, 一般公共预算拨款 ….
        var spending = LineSheet.ParseSpending(row.Spending, economic);
        if (spending is null)
            Refuse(LineField.Spending, string.IsNullOrWhiteSpace(row.Spending) ? "请填写人员经费、公用经费或项目支出（可在列表中选择）。"
                : $"“{row.Spending.Trim()}”无法识别，应为人员经费、公用经费或项目支出（或基本支出，按经济分类确定人员经费或公用经费）。");
        var source = MoneySources.Parse(row.Source)?.Source;
        if (source is null)
            Refuse(LineField.Source, string.IsNullOrWhiteSpace(row.Source) ? "请填写资金来源（可在列表中选择）。"
                : $"“{row.Source.Trim()}”无法识别，请在列表中选择资金来源。");
        decimal? amount = null;
        if (string.IsNullOrWhiteSpace(row.Amount)) Refuse(LineField.Amount, "请填写金额。");
        else if (AmountLimits.TryParse(row.Amount, false, out var a, out var message)) amount = a;
        else Refuse(LineField.Amount, message);
        var project = string.IsNullOrWhiteSpace(row.Project) ? null : row.Project.Trim();
        var leader = string.IsNullOrWhiteSpace(row.Leader) ? null : row.Leader.Trim();
        foreach (var refusal in BudgetLine.Refusals(functional, economic, spending, source, amount, project, leader))
            Refuse(refusal.Field, refusal.Reason);
        // Codes outside the year's catalogs are refused for lines: the tables name their rows from the catalog.
        if (functional is { Length: 7 } && functional.All(char.IsAsciiDigit) && catalogs.Functional.Unlisted(functional) is { } notFunctional)
            Refuse(LineField.FunctionalCode, $"{notFunctional}，请核对编码。");
        if (economic is { Length: 5 } && economic.All(char.IsAsciiDigit) && catalogs.Economic.Unlisted(economic) is { } notEconomic)
            Refuse(LineField.EconomicCode, $"{notEconomic}，请核对编码。");
        if (problems > 0) return null;
        return new BudgetLine(functional!, economic!, spending!.Value, source!.Value, amount!.Value, project, leader, where);
    }

    /// <summary>Whether a row as typed is 项目支出 (for the form's subtotals).</summary>
    public static bool IsProject(LineInput row) =>
        LineSheet.ParseSpending(row.Spending, ClassificationCode.Normalize(row.Economic)) == LineSpending.Project;

    /// <summary>The characters a field takes (a code may be typed 201 31 50; a word is one of the lists').</summary>
    public static int MaxLength(LineField field) => field switch
    {
        LineField.FunctionalCode or LineField.EconomicCode => 12,
        LineField.Amount => AmountLimits.MaxLength,
        LineField.ProjectLeader => TextLimits.ProjectLeader,
        LineField.Project => TextLimits.RowProject,
        _ => 40,
    };

    /// <summary>The words the 支出类型 and 资金来源 fields offer (the line template's).</summary>
    public static IReadOnlyList<string> Words(LineField field) => field switch
    {
        LineField.Spending => LineSheet.Spendings.Select(s => s.Label).ToList(),
        LineField.Source => MoneySources.All.Select(s => s.Label).ToList(),
        _ => [],
    };

    /// <summary>The id of the page's list of words for a field (a datalist), or null.</summary>
    public static string? WordList(LineField field) => field switch
    {
        LineField.Spending => "line-spendings",
        LineField.Source => "line-sources",
        _ => null,
    };

    /// <summary>
    /// Every kept row of the form (not removed, not blank) as a line, each problem through
    /// <paramref name="error"/> with the row's form field (Input.Lines[i].Amount); null when there is one.
    /// </summary>
    public static IReadOnlyList<BudgetLine>? Read(IReadOnlyList<LineInput> rows, YearCatalogs catalogs, Action<string, string> error)
    {
        var lines = new List<BudgetLine>();
        var leaders = new Dictionary<string, (string Leader, int Row)>(StringComparer.Ordinal);
        var failed = false;
        if (rows.Count(r => !r.Remove && !r.IsBlank) > MaxLines)
        {
            error(string.Empty, $"表单中的预算明细最多 {MaxLines} 行；更多的明细请用明细 Excel 上传。");
            return null;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Remove || rows[i].IsBlank) continue;
            var at = i;
            var line = Read(rows[i], $"第 {i + 1} 行", catalogs, (field, message) =>
            {
                failed = true;
                error($"Input.Lines[{at}].{Field(field)}", message);
            });
            if (line is null) continue;
            // A project has one 项目负责人, as its 项目支出绩效目标表 has (LineSheet reads a sheet the same way).
            if (line is { Project: { } project, ProjectLeader: { } leader })
            {
                if (leaders.TryGetValue(project, out var first) && first.Leader != leader)
                {
                    failed = true;
                    error($"Input.Lines[{at}].{Field(LineField.ProjectLeader)}",
                        $"第 {i + 1} 行“{Column(LineField.ProjectLeader)}”：项目“{project}”的负责人在第 {first.Row} 行是“{first.Leader}”，这里是“{leader}”；同一项目只能有一位负责人。");
                }
                else leaders.TryAdd(project, (leader, i + 1));
            }
            lines.Add(line);
        }
        return failed ? null : lines;
    }

    /// <summary>Characters of the filter that count (a code, a name or a project is shorter).</summary>
    public const int MaxFilterLength = 100;

    /// <summary>Whether a row matches the filter: a code (or its start), a project, or a code's name containing it.</summary>
    public static bool Matches(LineInput row, string? filter, YearCatalogs catalogs)
    {
        var q = filter?.Trim();
        if (q?.Length > MaxFilterLength) q = q[..MaxFilterLength];
        if (string.IsNullOrEmpty(q)) return true;
        var digits = ClassificationCode.Normalize(q) ?? q.Replace(" ", "");
        bool Has(string? text) => text?.Contains(q, StringComparison.OrdinalIgnoreCase) == true;
        return (row.Functional?.Replace(" ", "").StartsWith(digits, StringComparison.Ordinal) ?? false)
            || (row.Economic?.Replace(" ", "").StartsWith(digits, StringComparison.Ordinal) ?? false)
            || Has(row.Project) || Has(row.Leader)
            || Has(NameOf(catalogs.Functional, row.Functional)) || Has(NameOf(catalogs.Economic, row.Economic));
    }

    /// <summary>The catalog name of a typed code, or null.</summary>
    public static string? NameOf(ClassificationCatalog catalog, string? typed) =>
        ClassificationCode.Normalize(typed) is { } code ? catalog.NameOf(code) : null;

    /// <summary>The amount typed in a row, or null when it does not read as one (the totals skip it).</summary>
    public static decimal? AmountOf(LineInput row) =>
        AmountLimits.TryParse(row.Amount, false, out var amount, out _) ? amount : null;
}

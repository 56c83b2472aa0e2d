using System.Text;
using BudgetPortal.Domain.Disclosures;

namespace BudgetPortal.Domain.Import;

/// <summary>How sure the importer is of a finding.</summary>
public enum ImportNoteKind
{
    /// <summary>Read as printed.</summary>
    Recognised,
    /// <summary>Not printed where it belongs (a dropped blank cell): placed by the table's sums or by another table.</summary>
    Inferred,
    /// <summary>Text that could not be read into the disclosure; the import fails if a table or a part is affected.</summary>
    Unreadable,
}

/// <summary>One finding of an import, with where it is (表3, 说明五(三), 绩效目标表) and the source lines.</summary>
public sealed record ImportNote(ImportNoteKind Kind, string Part, string Message, IReadOnlyList<string>? Lines = null);

/// <summary>
/// The import report: what was recognised, what was inferred and how, what could not be read (with
/// the lines), and the consistency checks' findings on the result.
/// </summary>
public sealed class ImportReport
{
    private readonly List<ImportNote> _notes = [];

    public string Source { get; init; } = "";
    public IReadOnlyList<ImportNote> Notes => _notes;
    public CheckReport? Checks { get; set; }

    /// <summary>The file is not a disclosure at all (no department and year, or not one table): nothing is stored.</summary>
    public bool Refused { get; set; }

    /// <summary>Whether the whole disclosure was read: nothing unreadable, nothing left for an officer.</summary>
    public bool Succeeded => _notes.All(n => n.Kind != ImportNoteKind.Unreadable);

    public IEnumerable<ImportNote> Recognised => _notes.Where(n => n.Kind == ImportNoteKind.Recognised);
    public IEnumerable<ImportNote> Inferred => _notes.Where(n => n.Kind == ImportNoteKind.Inferred);
    public IEnumerable<ImportNote> Unreadable => _notes.Where(n => n.Kind == ImportNoteKind.Unreadable);

    /// <summary>The parts (表N, 说明5.3, 部门整体绩效目标表, …) that could not be read: left empty in the draft for an officer.</summary>
    public IReadOnlyList<string> FailedParts => Unreadable.Select(n => n.Part).Distinct().ToList();

    public void Recognise(string part, string message) => _notes.Add(new(ImportNoteKind.Recognised, part, message));
    public void Infer(string part, string message) => _notes.Add(new(ImportNoteKind.Inferred, part, message));
    public void Fail(string part, string message, IEnumerable<string>? lines = null) =>
        _notes.Add(new(ImportNoteKind.Unreadable, part, message, lines?.ToList()));

    /// <summary>The report as plain text (Chinese, for people).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"导入报告：{Source}");
        sb.AppendLine(Succeeded ? "结果：已读出完整的预算公开（草稿）。"
            : Refused ? $"结果：导入失败，什么也没有保存：{Unreadable.First().Message}"
            : $"结果：部分读出（草稿），以下部分没有读出、留待填写：{string.Join("、", FailedParts)}。");
        void Section(string title, IEnumerable<ImportNote> notes)
        {
            var list = notes.ToList();
            sb.AppendLine($"{title}（{list.Count}）");
            foreach (var n in list)
            {
                sb.AppendLine($"  - [{n.Part}] {n.Message}");
                foreach (var l in n.Lines ?? []) sb.AppendLine($"      | {l}");
            }
        }
        Section("已识别", Recognised);
        Section("推断", Inferred);
        Section("无法读取", Unreadable);
        if (Checks is { } checks)
        {
            sb.AppendLine($"数据核验：{checks.Results.Count} 项比较，错误 {checks.Errors} 项，舍入差异 {checks.RoundingGaps} 项，提示 {checks.Warnings} 项");
            foreach (var c in checks.Failures)
                sb.AppendLine($"  - {c.Rule} {SeverityName(c.Severity)}：{c.Message}");
        }
        return sb.ToString();
    }

    private static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "错误",
        Severity.Rounding => "舍入差异",
        _ => "提示",
    };
}

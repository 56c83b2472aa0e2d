using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// One field of a <see cref="NoteLine"/>, as data (like a table's columns, <see cref="RecordField{T}"/>):
/// its key (the name in the file form, docs/disclosure-format.md, and in the notes form), its Chinese
/// name, its kind and, for a text, the longest it may be. The file form, the notes form, the API's
/// schema and the aggregate's limits all read <see cref="All"/>; the line keeps one typed property per
/// field for the drafter's sentences and the database's columns.
/// </summary>
public sealed class NoteLineField : RecordField<NoteLine>
{
    private NoteLineField(string key, string label, int limit, Func<NoteLine, string?> get, Action<NoteLine, string?> set, string? hint = null, bool required = false)
        : base(key, label, limit, get, set, hint, required)
    {
    }

    private NoteLineField(string key, string label, FieldKind kind, Func<NoteLine, decimal?> get, Action<NoteLine, decimal?> set)
        : base(key, label, kind, get, set)
    {
    }

    protected override void CheckNumber(decimal? value, string what) => AmountLimits.CheckQuoted(value, what);

    /// <summary>The line's key (收入来源、basic、project1、科目编码 …): first in the file form, never typed in the form.</summary>
    public static readonly NoteLineField KeyField = new("key", "标识", TextLimits.NoteLineKey, l => l.Key, (l, v) => l.Key = v ?? "", required: true);

    /// <summary>Every field of a line, in the order the file form writes them (after <c>key</c>).</summary>
    public static readonly IReadOnlyList<NoteLineField> All =
    [
        new("label", "名称", TextLimits.NoteLineLabel, l => l.Label, (l, v) => l.Label = v),
        new("amount", "金额", FieldKind.Amount, l => l.Amount, (l, v) => l.Amount = v),
        new("share", "占比", FieldKind.Percent, l => l.Share, (l, v) => l.Share = v),
        new("change", "增减额", FieldKind.Amount, l => l.Change, (l, v) => l.Change = v),
        new("changePercent", "增减百分比", FieldKind.Percent, l => l.ChangePercent, (l, v) => l.ChangePercent = v),
        new("reason", "主要原因", ParagraphLimit, l => l.Reason, (l, v) => l.Reason = v),
        new("purpose", "主要用于", ParagraphLimit, l => l.Purpose, (l, v) => l.Purpose = v),
        new("policyBasis", "设立的政策依据", ParagraphLimit, l => l.PolicyBasis, (l, v) => l.PolicyBasis = v),
        new("unit", "项目承担单位", ShortLimit, l => l.Unit, (l, v) => l.Unit = v, hint: "留空为本部门"),
        new("allocation", "资金分配情况", ParagraphLimit, l => l.Allocation, (l, v) => l.Allocation = v),
        new("period", "资金执行时间", ShortLimit, l => l.Period, (l, v) => l.Period = v, hint: "留空为全年"),
    ];

    /// <summary>What the file form writes of a line: its key, then <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<NoteLineField> Written = [KeyField, .. All];

    /// <summary>The field of a key, or null.</summary>
    public static NoteLineField? Of(string key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>
    /// The wording a person types into each line of a drafted section (the rest of the line is drafted
    /// from the tables): 主要原因 for the sections comparing with last year, 主要用于 for 四 and 十一, and
    /// for 七's projects their policy basis, unit, allocation and period.
    /// </summary>
    public static IReadOnlyList<NoteLineField> TypedIn(string section) => section switch
    {
        "2" or "3" or "5.1" or "5.3" or "10" or "12.1" => [Of("reason")!],
        "4" or "11" => [Of("purpose")!],
        "7" => [Of("policyBasis")!, Of("unit")!, Of("allocation")!, Of("period")!],
        _ => [],
    };

    /// <summary>The typed fields a section cannot do without (七: every project states its policy basis and allocation).</summary>
    public static bool IsRequiredIn(string section, NoteLineField field) =>
        section == "7" && field.Key is "policyBasis" or "allocation";

    /// <summary>A paragraph of wording (主要原因, 政策依据 …).</summary>
    private const int ParagraphLimit = 2000;

    /// <summary>A name or a period (承担单位, 执行时间).</summary>
    private const int ShortLimit = 200;
}

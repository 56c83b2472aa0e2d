using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Notes;

/// <summary>What a field of a note line holds: a text, an amount in 万元, or a percentage.</summary>
public enum NoteFieldKind
{
    Text,
    Amount,
    Percent,
}

/// <summary>
/// One field of a <see cref="NoteLine"/>, as data (like a table's columns): its key (the name in the
/// file form, docs/disclosure-format.md, and in the notes form), its Chinese name, its kind and, for a
/// text, the longest it may be. The file form, the notes form and the aggregate's limits all read
/// <see cref="All"/>; the line keeps one typed property per field for the drafter's sentences and the
/// database's columns.
/// </summary>
public sealed class NoteLineField
{
    private readonly Func<NoteLine, string?>? _text;
    private readonly Action<NoteLine, string?>? _setText;
    private readonly Func<NoteLine, decimal?>? _number;
    private readonly Action<NoteLine, decimal?>? _setNumber;

    private NoteLineField(string key, string label, int limit, Func<NoteLine, string?> get, Action<NoteLine, string?> set, string? hint = null)
    {
        (Key, Label, Kind, Limit, Hint) = (key, label, NoteFieldKind.Text, limit, hint);
        (_text, _setText) = (get, set);
    }

    private NoteLineField(string key, string label, NoteFieldKind kind, Func<NoteLine, decimal?> get, Action<NoteLine, decimal?> set)
    {
        (Key, Label, Kind) = (key, label, kind);
        (_number, _setNumber) = (get, set);
    }

    /// <summary>The name in the file form and the form (camelCase): <c>amount</c>, <c>policyBasis</c>.</summary>
    public string Key { get; }

    /// <summary>The Chinese name, as messages and the form say it: 主要原因, 项目承担单位.</summary>
    public string Label { get; }

    public NoteFieldKind Kind { get; }

    /// <summary>The longest text (characters); 0 for a number (an amount's range is <see cref="AmountLimits"/>).</summary>
    public int Limit { get; }

    /// <summary>What a blank field means, shown beside it in the form (留空为本部门).</summary>
    public string? Hint { get; }

    public bool IsText => Kind == NoteFieldKind.Text;

    public string? Text(NoteLine line) => _text is null ? throw NotA("文字") : _text(line);

    public decimal? Number(NoteLine line) => _number is null ? throw NotA("数值") : _number(line);

    public void SetText(NoteLine line, string? value) => (_setText ?? throw NotA("文字"))(line, value);

    public void SetNumber(NoteLine line, decimal? value) => (_setNumber ?? throw NotA("数值"))(line, value);

    /// <summary>Whether the line holds a value in this field.</summary>
    public bool HasValue(NoteLine line) => IsText ? Text(line) is not null : Number(line) is not null;

    /// <summary>This field's value of <paramref name="from"/> written into <paramref name="to"/>.</summary>
    public void Copy(NoteLine from, NoteLine to)
    {
        if (IsText) SetText(to, Text(from));
        else SetNumber(to, Number(from));
    }

    /// <summary>Refuses a value that cannot be stored: a text too long or holding NUL, an amount out of range.</summary>
    public void Check(NoteLine line, string where)
    {
        if (IsText) TextLimits.Check(Text(line), Limit, $"{where}的{Label}");
        else AmountLimits.CheckQuoted(Number(line), $"{where}的{Label}");
    }

    private InvalidOperationException NotA(string kind) => new($"情况说明行的字段“{Key}”不是{kind}。");

    /// <summary>Every field of a line, in the order the file form writes them (after <c>key</c>).</summary>
    public static readonly IReadOnlyList<NoteLineField> All =
    [
        new("label", "名称", TextLimits.NoteLineLabel, l => l.Label, (l, v) => l.Label = v),
        new("amount", "金额", NoteFieldKind.Amount, l => l.Amount, (l, v) => l.Amount = v),
        new("share", "占比", NoteFieldKind.Percent, l => l.Share, (l, v) => l.Share = v),
        new("change", "增减额", NoteFieldKind.Amount, l => l.Change, (l, v) => l.Change = v),
        new("changePercent", "增减百分比", NoteFieldKind.Percent, l => l.ChangePercent, (l, v) => l.ChangePercent = v),
        new("reason", "主要原因", ParagraphLimit, l => l.Reason, (l, v) => l.Reason = v),
        new("purpose", "主要用于", ParagraphLimit, l => l.Purpose, (l, v) => l.Purpose = v),
        new("policyBasis", "设立的政策依据", ParagraphLimit, l => l.PolicyBasis, (l, v) => l.PolicyBasis = v),
        new("unit", "项目承担单位", ShortLimit, l => l.Unit, (l, v) => l.Unit = v, hint: "留空为本部门"),
        new("allocation", "资金分配情况", ParagraphLimit, l => l.Allocation, (l, v) => l.Allocation = v),
        new("period", "资金执行时间", ShortLimit, l => l.Period, (l, v) => l.Period = v, hint: "留空为全年"),
    ];

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

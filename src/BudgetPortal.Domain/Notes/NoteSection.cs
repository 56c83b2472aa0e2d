namespace BudgetPortal.Domain.Notes;

/// <summary>
/// A section of 第三部分 情况说明 (一 … 十二, with 五(一)–(三) and 十二(一)–(五) as their own
/// sections): its published heading and paragraphs, and beside them the structured figures the
/// paragraphs quote, so the text can be regenerated from the figures and compared.
/// </summary>
public sealed class NoteSection
{
    private readonly List<NoteLine> _lines = [];
    private readonly List<NoteFigure> _figures = [];

    private NoteSection() { Key = ""; Heading = ""; }

    public NoteSection(string key, string heading, IEnumerable<string> paragraphs,
        IEnumerable<NoteLine>? lines = null, IEnumerable<NoteFigure>? figures = null, bool isDrafted = false)
    {
        if (isDrafted && !NoteDrafter.DraftedKeys.Contains(key))
            throw new DomainException($"情况说明{NoteKeys.Label(key)}不由数据生成，不能标为由平台生成。");
        IsDrafted = isDrafted;
        if (!NoteKeys.All.Contains(key))
            throw new DomainException($"情况说明的节“{key}”不存在：应为 {string.Join("、", NoteKeys.All)} 之一。");
        Key = key;
        Heading = heading;
        Paragraphs = paragraphs.ToList();
        var i = 0;
        foreach (var line in lines ?? []) { line.Ordinal = i++; _lines.Add(line); }
        foreach (var figure in figures ?? []) _figures.Add(figure);
    }

    public int Id { get; private set; }
    public int DisclosureId { get; private set; }
    public int Ordinal { get; internal set; }

    /// <summary>1 … 12, 5.1 … 5.3, 12.1 … 12.5.</summary>
    public string Key { get; private set; }

    public string Heading { get; private set; }
    public List<string> Paragraphs { get; private set; } = [];

    /// <summary>
    /// Drafted by the portal: the paragraphs, lines and figures are written from the tables (and the
    /// wording a person typed into the lines), and written again whenever the tables change. False for a
    /// section as imported or transcribed from a published document, or typed as text: that one is kept
    /// as it is, and the checks compare it with the tables.
    /// </summary>
    public bool IsDrafted { get; internal set; }

    public IReadOnlyList<NoteLine> Lines => _lines.OrderBy(l => l.Ordinal).ToList();
    public IReadOnlyList<NoteFigure> Figures => _figures;

    public NoteLine? Line(string key) => _lines.FirstOrDefault(l => l.Key == key);

    public decimal? Number(string key) => _figures.FirstOrDefault(f => f.Key == key)?.Number;

    public string? Text(string key) => _figures.FirstOrDefault(f => f.Key == key)?.Text;

    /// <summary>A list figure (names joined with 、 when stored).</summary>
    public IReadOnlyList<string> List(string key) =>
        Text(key) is { Length: > 0 } t ? t.Split(NoteFigure.ListSeparator) : [];

    public bool IsSubSection => Key.Contains('.');

    /// <summary>A copy for another version: the same text, lines and figures, drafted if this one is.</summary>
    public NoteSection Copy() =>
        new(Key, Heading, Paragraphs, Lines.Select(l => l.Copy()), _figures.Select(f => f.Copy()), IsDrafted) { Ordinal = Ordinal };

    /// <summary>Replaces what the portal drafts (the heading stays unless given); only for a drafted section.</summary>
    internal void Redraft(IEnumerable<string> paragraphs, IEnumerable<NoteLine> lines, IEnumerable<NoteFigure> figures, string? heading = null)
    {
        if (!IsDrafted)
            throw new InvalidOperationException($"情况说明{NoteKeys.Label(Key)}不是由平台生成的，不能重新生成。");
        Paragraphs = paragraphs.ToList();
        if (heading is not null) Heading = heading;
        _lines.Clear();
        var i = 0;
        foreach (var line in lines) { line.Ordinal = i++; _lines.Add(line); }
        _figures.Clear();
        _figures.AddRange(figures);
    }
}

/// <summary>
/// A sentence of a note that quotes an amount: the amount printed, its 占 share, the change against
/// last year as printed (signed) and its percentage, and the human wording (主要原因, 主要用于, and
/// for 七's projects 政策依据, 承担单位, 资金分配, 执行时间). Its fields are data too
/// (<see cref="NoteLineField.All"/>): the file form, the notes form and the limits read them there.
/// </summary>
public sealed class NoteLine
{
    public NoteLine() { Key = ""; }

    public NoteLine(string key) { Key = key; }

    public int Id { get; private set; }
    public int NoteSectionId { get; private set; }
    public int Ordinal { get; internal set; }
    public string Key { get; set; }
    public string? Label { get; set; }
    public decimal? Amount { get; set; }
    public decimal? Share { get; set; }
    /// <summary>比上年预算增加 (positive) or 减少 (negative), as printed.</summary>
    public decimal? Change { get; set; }
    /// <summary>增长/下降 percentage as printed, unsigned.</summary>
    public decimal? ChangePercent { get; set; }
    public string? Reason { get; set; }
    public string? Purpose { get; set; }
    public string? PolicyBasis { get; set; }
    public string? Unit { get; set; }
    public string? Allocation { get; set; }
    public string? Period { get; set; }

    /// <summary>A copy with every field, for another section (a line never has two owners).</summary>
    public NoteLine Copy()
    {
        var copy = new NoteLine(Key);
        foreach (var field in NoteLineField.All) field.Copy(this, copy);
        return copy;
    }

    /// <summary>The prior-year amount implied by the printed figures (current − change).</summary>
    public decimal? PriorAmount => Amount is { } a && Change is { } c ? a - c : null;
}

/// <summary>A named figure of a note section that is not a line: a number or a text (lists joined by 、).</summary>
public sealed class NoteFigure
{
    public const char ListSeparator = '、';

    private NoteFigure() { Key = ""; }

    public NoteFigure(string key, decimal? number = null, string? text = null, bool isList = false)
    {
        Key = key;
        Number = number;
        Text = text;
        IsList = isList;
    }

    public int Id { get; private set; }
    public int NoteSectionId { get; private set; }
    public string Key { get; private set; }
    public decimal? Number { get; private set; }
    public string? Text { get; private set; }

    /// <summary>The text is a list of names (joined by 、).</summary>
    public bool IsList { get; private set; }

    public NoteFigure Copy() => new(Key, Number, Text, IsList);

    public IReadOnlyList<string> Items => string.IsNullOrEmpty(Text) ? [] : Text.Split(ListSeparator);
}

public static class NoteKeys
{
    public static readonly IReadOnlyList<string> All =
    [
        "1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "6", "7", "8", "9", "10", "11",
        "12", "12.1", "12.2", "12.3", "12.4", "12.5",
    ];

    /// <summary>The sections that print only their heading (their text is in their sub-sections).</summary>
    public static readonly IReadOnlyList<string> HeadingOnly = ["5", "12"];

    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>
    /// A positive number in Chinese numerals as documents count sections and projects: 一 … 十, 十二, 二十一,
    /// 一百零五, 一百一十. Any count (说明七 numbers every project of 表7, which may have hundreds);
    /// from 10,000 on in digits.
    /// </summary>
    public static string Numeral(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "numbering starts at 1");
        if (n >= 10_000) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Below a hundred a number is counted 十二, inside a larger one 一百一十二; a gap is one 零.
        string Below(int rest, int unit) => rest == 0 ? "" : rest < unit / 10 ? "零" + Inner(rest) : Inner(rest);
        string Inner(int m) => m is >= 10 and < 20 ? "一" + Numeral(m) : Numeral(m);
        return n switch
        {
            < 10 => Digits[n],
            < 20 => "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
            < 100 => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
            < 1000 => Digits[n / 100] + "百" + Below(n % 100, 100),
            _ => Digits[n / 1000] + "千" + Below(n % 1000, 1000),
        };
    }

    /// <summary>The printed label of a section: 二, 五(一), 十二(四).</summary>
    public static string Label(string key)
    {
        var parts = key.Split('.');
        var main = Numeral(int.Parse(parts[0]));
        return parts.Length == 1 ? main : $"{main}({Numeral(int.Parse(parts[1]))})";
    }

    /// <summary>The heading a section prints by default: <c>二、 关于… 收入预算情况说明</c>, <c>（一）…</c> under 五, <c>(一) …</c> under 十二.</summary>
    public static string DefaultHeading(string key, string department, int year)
    {
        var parts = key.Split('.');
        var title = Title(key, department, year);
        if (parts.Length == 1) return $"{Numeral(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture))}、 {title}";
        var sub = Numeral(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        return parts[0] == "5" ? $"（{sub}）{title}" : $"({sub}) {title}";
    }

    /// <summary>The standard title of a section (used for 目录 and anchors).</summary>
    public static string Title(string key, string department, int year) => key switch
    {
        "1" => $"关于{department} {year} 年收支预算情况总体说明",
        "2" => $"关于{department} {year} 年收入预算情况说明",
        "3" => $"关于{department} {year} 年支出预算情况说明",
        "4" => $"关于{department} {year} 年财政拨款收支预算情况的总体说明",
        "5" => $"关于{department} {year} 年一般公共预算当年拨款情况说明",
        "5.1" => "一般公共预算当年拨款规模变化情况",
        "5.2" => "一般公共预算当年拨款结构情况",
        "5.3" => "一般公共预算当年拨款具体使用情况",
        "6" => $"关于{department} {year} 年一般公共预算基本支出情况说明",
        "7" => $"关于{department} {year} 年一般公共预算项目支出情况说明",
        "8" => $"关于{department} {year} 年政府性基金预算拨款情况说明",
        "9" => $"关于{department} {year} 年国有资本经营预算拨款情况说明",
        "10" => $"关于{department} {year} 年财政拨款“三公”经费预算情况说明",
        "11" => $"关于{department} {year} 年上年结转结余预算情况说明",
        "12" => "其他重要事项的情况说明",
        "12.1" => "单位运行经费情况",
        "12.2" => "政府采购情况",
        "12.3" => "国有资产占用使用情况",
        "12.4" => "预算绩效情况",
        "12.5" => "其他需说明的事项",
        _ => throw new DomainException($"情况说明的节“{key}”不存在。"),
    };
}

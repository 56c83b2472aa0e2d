using BudgetPortal.Domain.Tables;
using static BudgetPortal.Domain.Notes.NoteFormat;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// Writes the sections of 情况说明 whose numbers all follow from the tables and last year's figures
/// (一–七, 十, 十一, 十二(一), 十二(四)), in the sentence patterns of domain spec §7. It computes no
/// figure: it formats the lines and figures of <see cref="NoteStructure"/> (amounts, shares, changes,
/// names, lists, and the human wording 主要原因, 主要用于, 设立的政策依据 … taken from the note lines a
/// person typed), so the paragraphs and the structure stored beside them cannot disagree. The
/// paragraphs follow the published layout, so a draft can be compared with the published text
/// sentence by sentence (<see cref="NoteComparison"/>).
/// </summary>
public sealed class NoteDrafter
{
    /// <summary>The sections drafted, in printed order.</summary>
    public static readonly IReadOnlyList<string> DraftedKeys =
        ["1", "2", "3", "4", "5.1", "5.2", "5.3", "6", "7", "10", "11", "12.1", "12.4"];

    private readonly NoteStructure _structure;
    private readonly string _department;
    private readonly int _year;
    private readonly bool _layout2024;

    public NoteDrafter(INoteSource disclosure, PriorYearFigures prior)
    {
        _structure = new NoteStructure(disclosure, prior);
        _department = disclosure.DepartmentName;
        _year = disclosure.FiscalYear;
        _layout2024 = TableSchemas.LayoutYear(disclosure.FiscalYear) <= 2024;
    }

    /// <summary>Drafts every section of <see cref="DraftedKeys"/>.</summary>
    public static DraftedNotes Draft(INoteSource disclosure, PriorYearFigures prior) => new NoteDrafter(disclosure, prior).Draft();

    public DraftedNotes Draft() => new(DraftedKeys.ToDictionary(k => k, Section));

    /// <summary>The paragraphs of one section.</summary>
    public IReadOnlyList<string> Section(string key) => DraftedSection(key, heading: "").Paragraphs;

    /// <summary>
    /// One section drafted whole, as stored: its paragraphs, its lines and figures, marked
    /// <see cref="NoteSection.IsDrafted"/> so it follows the tables from then on.
    /// </summary>
    public NoteSection DraftedSection(string key, string heading)
    {
        if (!DraftedKeys.Contains(key))
            throw new DomainException($"情况说明 {NoteKeys.Label(key)} 不由数据生成：应为 {string.Join("、", DraftedKeys.Select(NoteKeys.Label))} 之一。");
        var (lines, figures) = _structure.Section(key);
        var paragraphs = Format(new NoteSection(key, heading: "", paragraphs: [], lines, figures));
        return new NoteSection(key, heading, paragraphs, lines, figures, isDrafted: true);
    }

    /// <summary>The paragraphs of a section from its lines and figures.</summary>
    private IReadOnlyList<string> Format(NoteSection note)
    {
        return note.Key switch
        {
            "1" => Overall(note),
            "2" => Income(note),
            "3" => Expenditure(note),
            "4" => FiscalAppropriation(note),
            "5.1" => GeneralBudgetScale(note),
            "5.2" => GeneralBudgetStructure(note),
            "5.3" => GeneralBudgetItems(note),
            "6" => GeneralBudgetBasic(note),
            "7" => GeneralBudgetProjects(note),
            "10" => ThreePublicExpenses(note),
            "11" => Carryover(note),
            "12.1" => OperatingExpenses(note),
            _ => Performance(note),
        };
    }

    /// <summary>A figure of the section; one the structure leaves out is 0.</summary>
    private static decimal Figure(NoteSection note, string key) => note.Number(key) ?? 0m;

    /// <summary>A line the structure always gives (basic, project, operating, total …).</summary>
    private static NoteLine Line(NoteSection note, string key) =>
        note.Line(key) ?? throw new InvalidOperationException($"情况说明 {NoteKeys.Label(note.Key)} 缺少“{key}”行。");

    private static string LineAmount(NoteLine line) => Amount(line.Amount ?? 0m);

    // 一 收支预算情况总体说明
    private List<string> Overall(NoteSection note) =>
    [
        $"按照全口径预算的原则，{_department} {_year} 年所有收入和支出均纳入部门预算管理。收支总预算 {Amount(Figure(note, "total"))} 万元。",
        $"收入预算包括：{string.Join("、", note.List("incomeSources"))}。",
        $"支出预算包括：{string.Join("、", note.List("expenditureCategories"))}。",
    ];

    // 二 收入预算情况说明: each source listed with an amount, else its 未安排 sentence (if it has one).
    private List<string> Income(NoteSection note)
    {
        var paragraphs = new List<string> { $"{_department}部门收入预算 {Amount(Figure(note, "total"))} 万元，其中：" };
        foreach (var source in IncomeSources.All)
        {
            if (note.Line(source.Key) is { } line)
                paragraphs.Add($"{source.Label} {LineAmount(line)} 万元，{Share(line)}，{Change(line)}{Reason(line.Reason)}。");
            else if (source.NotArranged is { } sentence)
                paragraphs.Add(sentence);
        }
        return paragraphs;
    }

    // 三 支出预算情况说明: all funds (表3), shares of the 表3 total.
    private List<string> Expenditure(NoteSection note)
    {
        var (basic, project) = (Line(note, "basic"), Line(note, "project"));
        return
        [
            $"{_department} {_year} 年支出预算 {Amount(Figure(note, "total"))} 万元，其中：",
            $"基本支出 {LineAmount(basic)} 万元，{Share(basic)}，{Change(basic)}{Reason(basic.Reason)}。",
            $"项目支出 {LineAmount(project)} 万元，{Share(project)}，{Change(project)}{Reason(project.Reason)}。",
        ];
    }

    // 四 财政拨款收支预算情况的总体说明 (表4). 2024 opens with the department's name.
    private List<string> FiscalAppropriation(NoteSection note)
    {
        var generalBudget = Figure(note, "generalBudgetIncome");
        var (govFund, stateCapital) = (Figure(note, "govFundIncome"), Figure(note, "stateCapitalIncome"));
        var opening = _layout2024 ? $"{_department} {_year} 年" : $"{_year} 年";
        var incomeKinds = govFund == 0m && stateCapital == 0m
            ? "收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。"
            : $"收入包括一般公共预算拨款 {Amount(generalBudget)} 万元，政府性基金预算拨款 {Amount(govFund)} 万元，国有资本经营预算拨款 {Amount(stateCapital)} 万元。";
        var uses = note.Lines.Select(l => $"{l.Label} {LineAmount(l)} 万元{Purpose(l.Purpose)}");
        return
        [
            $"{opening}财政拨款收支总预算 {Amount(Figure(note, "total"))} 万元。",
            incomeKinds,
            $"收入预算包括：一般公共预算拨款 {Amount(generalBudget)} 万元。",
            $"一般公共预算支出包括：{string.Join("；", uses)}。",
        ];
    }

    // 五(一) 一般公共预算当年拨款规模变化情况: general-budget money only (表5).
    private List<string> GeneralBudgetScale(NoteSection note)
    {
        var (basic, project) = (Line(note, "basic"), Line(note, "project"));
        return
        [
            $"{_department} {_year} 年一般公共预算拨款合计 {Amount(Figure(note, "total"))} 万元，其中：",
            $"基本支出 {LineAmount(basic)} 万元，{Change(basic)}{Reason(basic.Reason)}。",
            $"项目支出 {LineAmount(project)} 万元，{Change(project)}{Reason(project.Reason)}。",
        ];
    }

    // 五(二) 一般公共预算当年拨款结构情况: shares of the 表5 total.
    private static List<string> GeneralBudgetStructure(NoteSection note) =>
        note.Lines.Select((l, i) => $"{i + 1}、{l.Label}（类）{LineAmount(l)} 万元，{Share(l)}。").ToList();

    // 五(三) 一般公共预算当年拨款具体使用情况: the union of this year's and last year's 项.
    private List<string> GeneralBudgetItems(NoteSection note) =>
        note.Lines.Select((l, i) => $"{i + 1}、{l.Label}：{_year} 年预算数为 {LineAmount(l)} 万元，{Change(l)}{Reason(l.Reason)}。").ToList();

    // 六 一般公共预算基本支出情况说明 (表6): 人员经费 = 301 + 303, 公用经费 = 302.
    private List<string> GeneralBudgetBasic(NoteSection note) =>
    [
        $"{_department} {_year} 年一般公共预算基本支出 {Amount(Figure(note, "total"))} 万元，其中：",
        $"人员经费 {Amount(Figure(note, "personnel"))} 万元，主要包括：{string.Join("、", note.List("personnelItems"))}。",
        $"公用经费 {Amount(Figure(note, "public"))} 万元，主要包括：{string.Join("、", note.List("publicItems"))}。",
    ];

    // 七 一般公共预算项目支出情况说明: one block per 表7 project.
    private static List<string> GeneralBudgetProjects(NoteSection note) =>
        note.Lines.SelectMany((l, i) => new[]
        {
            $"（{NoteKeys.Numeral(i + 1)}）项目名称：{l.Label}",
            $"设立的政策依据：{l.PolicyBasis}",
            $"预算安排规模：{LineAmount(l)} 万元",
            $"项目承担单位：{l.Unit}",
            $"资金分配情况：{l.Allocation}",
            $"资金执行时间：{l.Period}",
        }).ToList();

    // 十 财政拨款“三公”经费预算情况说明. The order is 出国, 购置, 运行, 接待 (not 表10's row order).
    private List<string> ThreePublicExpenses(NoteSection note)
    {
        if (note.Lines.Count == 0)
            return [TableSchemas.For(TableKind.ThreePublicExpenses, _year).FormatEmptySentence(_department, _year)];
        var total = Line(note, "total");
        var items = NoteStructure.ThreePublicItems.Select(i => (i.Label, Line: Line(note, i.Key))).ToList();
        var amountWord = _layout2024 ? "经费预算数为" : "经费数为";
        var list = string.Join("，", items.Select(i => $"{i.Label} {ListedAmount(i.Line.Amount ?? 0m, _year)} 万元"));
        var changes = string.Join("；", items.Select(i => $"{i.Label}{Delta(i.Line)}{Reason(i.Line.Reason)}"));
        return
        [
            $"{_department} {_year} 年财政拨款“三公”{amountWord} {LineAmount(total)} 万元，其中：{list}。",
            $"{_year} 年财政拨款“三公”经费预算{Change(total)}，其中：{changes}。",
        ];
    }

    // 十一 上年结转结余预算情况说明 (表11).
    private List<string> Carryover(NoteSection note)
    {
        if (note.Figures.Count == 0)
            return [TableSchemas.For(TableKind.Carryover, _year).FormatEmptySentence(_department, _year)];
        return
        [
            $"{_department} {_year} 年上年结转结余 {Amount(Figure(note, "total"))} 万元，包括：" +
            $"财政拨款 {Amount(Figure(note, "fiscal"))} 万元，非财政拨款 {Amount(Figure(note, "nonFiscal"))} 万元，其中：",
            .. note.Lines.Select((l, i) => $"{i + 1}．{l.Label} {LineAmount(l)} 万元{Purpose(l.Purpose)}。"),
        ];
    }

    // 十二(一) 单位运行经费情况 = 表6 公用经费. 2024 documents say 机关, 2025 事业单位.
    private List<string> OperatingExpenses(NoteSection note)
    {
        var operating = Line(note, "operating");
        return
        [
            $"{_department} {_year} 年的{note.Text("unitKind")}运行经费财政拨款预算 {LineAmount(operating)} 万元，" +
            $"{Change(operating)}{Reason(operating.Reason)}。",
        ];
    }

    // 十二(四) 预算绩效情况: 整体 = 表1 总计; 财政拨款项目 = 表5 项目; 非财政拨款项目 = 表3 项目 − 表5 项目.
    private List<string> Performance(NoteSection note)
    {
        string Count(string key) => Figure(note, key).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        var (fiscalAmount, nonFiscalAmount) = (Figure(note, "fiscalProjectAmount"), Figure(note, "nonFiscalProjectAmount"));
        var total = Amount(Figure(note, "overallAmount"));
        if (_layout2024)
            return
            [
                $"{_year} 年，本部门预算绩效管理整体预算绩效目标 {Count("overallTargets")} 个，涉及金额 {total} 万元；" +
                $"当年财政拨款项目 {Count("fiscalProjectCount")} 个，涉及预算金额 {ListedAmount(fiscalAmount, _year)} 万元；" +
                $"当年非财政拨款项目 {Count("nonFiscalProjectCount")} 个，涉及预算金额 {ListedAmount(nonFiscalAmount, _year)} 万元。" +
                "具体情况见下表（按项目分别填报）：",
            ];
        return
        [
            $"{_year} 年，本部门预算绩效管理整体预算绩效目标 {Count("overallTargets")} 个，涉及预算金额 {total} 万元；" +
            $"当年预算安排项目共 {Count("projectCount")} 个，其中：财政拨款项目涉及预算金额 {Amount(fiscalAmount)} 万元；" +
            $"非财政拨款项目涉及预算金额 {Amount(nonFiscalAmount)} 万元。具体情况见下表：",
        ];
    }
}

/// <summary>The drafted paragraphs of each section, by section key (1, 2, 5.1 …).</summary>
public sealed class DraftedNotes(IReadOnlyDictionary<string, IReadOnlyList<string>> sections)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sections { get; } = sections;

    public IEnumerable<string> Keys => NoteDrafter.DraftedKeys.Where(Sections.ContainsKey);

    public IReadOnlyList<string> this[string key] =>
        Sections.TryGetValue(key, out var paragraphs) ? paragraphs : throw new KeyNotFoundException($"情况说明 {key} 未生成。");
}

using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using static BudgetPortal.Domain.Notes.NoteFormat;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// Writes the sections of 情况说明 whose numbers all follow from the tables and last year's figures
/// (一–七, 十, 十一, 十二(一), 十二(四)), in the sentence patterns of domain spec §7. Every number is
/// computed here; only the human wording (主要原因, 主要用于, 设立的政策依据, 资金分配情况) is taken from
/// the note lines a person typed. The paragraphs follow the published layout, so a draft can be
/// compared with the published text sentence by sentence (<see cref="NoteComparison"/>).
/// </summary>
public sealed class NoteDrafter
{
    /// <summary>The sections drafted, in printed order.</summary>
    public static readonly IReadOnlyList<string> DraftedKeys =
        ["1", "2", "3", "4", "5.1", "5.2", "5.3", "6", "7", "10", "11", "12.1", "12.4"];

    private readonly Disclosure _disclosure;
    private readonly PriorYearFigures _prior;
    private readonly string _department;
    private readonly int _year;
    private readonly bool _layout2024;

    public NoteDrafter(Disclosure disclosure, PriorYearFigures prior)
    {
        _disclosure = disclosure;
        _prior = prior;
        _department = disclosure.DepartmentName;
        _year = disclosure.FiscalYear;
        _layout2024 = TableSchemas.LayoutYear(disclosure.FiscalYear) <= 2024;
    }

    /// <summary>Drafts every section of <see cref="DraftedKeys"/>.</summary>
    public static DraftedNotes Draft(Disclosure disclosure, PriorYearFigures prior) => new NoteDrafter(disclosure, prior).Draft();

    public DraftedNotes Draft() => new(DraftedKeys.ToDictionary(k => k, Section));

    /// <summary>The paragraphs of one section.</summary>
    public IReadOnlyList<string> Section(string key) => key switch
    {
        "1" => Overall(),
        "2" => Income(),
        "3" => Expenditure(),
        "4" => FiscalAppropriation(),
        "5.1" => GeneralBudgetScale(),
        "5.2" => GeneralBudgetStructure(),
        "5.3" => GeneralBudgetItems(),
        "6" => GeneralBudgetBasic(),
        "7" => GeneralBudgetProjects(),
        "10" => ThreePublicExpenses(),
        "11" => Carryover(),
        "12.1" => OperatingExpenses(),
        "12.4" => Performance(),
        _ => throw new DomainException($"情况说明 {NoteKeys.Label(key)} 不由数据生成：应为 {string.Join("、", DraftedKeys.Select(NoteKeys.Label))} 之一。"),
    };

    private BudgetTable Table(TableKind kind) => _disclosure.Table(kind);

    private NoteLine? Line(string section, string key) => _disclosure.Note(section)?.Line(key);

    private decimal Table1Total => Table(TableKind.IncomeAndExpenditure).Total?.Amount("income") ?? 0m;

    /// <summary>The 类 of a two-sided table with a value in <paramref name="column"/>, in printed order.</summary>
    private IEnumerable<(string Code, string Name, decimal Amount)> Categories(TableKind kind, string column) =>
        Table(kind).OfKind(RowKind.Category)
            .Where(r => r.Amount(column) != 0m)
            .Select(r => (r.Code!, r.Name ?? CategoryName(r.Code!), r.Amount(column)));

    private string CategoryName(string code) =>
        TableSchemas.CategoryList(TableSchemas.LayoutYear(_year)).FirstOrDefault(c => c.Key == code)?.Label ?? code;

    // 一 收支预算情况总体说明
    private List<string> Overall()
    {
        var table1 = Table(TableKind.IncomeAndExpenditure);
        var sources = IncomeSources.All.Where(s => IncomeSources.AmountIn(table1, s.Key) != 0m).Select(s => s.Label);
        var categories = Categories(TableKind.IncomeAndExpenditure, "expenditure").Select(c => c.Name);
        return
        [
            $"按照全口径预算的原则，{_department} {_year} 年所有收入和支出均纳入部门预算管理。收支总预算 {Amount(Table1Total)} 万元。",
            $"收入预算包括：{string.Join("、", sources)}。",
            $"支出预算包括：{string.Join("、", categories)}。",
        ];
    }

    // 二 收入预算情况说明: shares of the 表1 total.
    private List<string> Income()
    {
        var table1 = Table(TableKind.IncomeAndExpenditure);
        var total = Table1Total;
        var paragraphs = new List<string> { $"{_department}部门收入预算 {Amount(total)} 万元，其中：" };
        foreach (var source in IncomeSources.All)
        {
            var current = IncomeSources.AmountIn(table1, source.Key);
            var prior = _prior.IncomeOf(source.Key);
            if (source.IsListed(current, prior, _year))
                paragraphs.Add($"{source.Label} {Amount(current)} 万元，{Share(current, total)}，{Change(current, prior)}" +
                               $"{Reason(Line("2", source.Key)?.Reason)}。");
            else if (source.NotArranged is { } sentence)
                paragraphs.Add(sentence);
        }
        return paragraphs;
    }

    // 三 支出预算情况说明: all funds (表3), shares of the 表3 total.
    private List<string> Expenditure()
    {
        var total = Table(TableKind.Expenditure).Total;
        var (sum, basic, project) = (total?.Amount("total") ?? 0m, total?.Amount("basic") ?? 0m, total?.Amount("project") ?? 0m);
        return
        [
            $"{_department} {_year} 年支出预算 {Amount(sum)} 万元，其中：",
            $"基本支出 {Amount(basic)} 万元，{Share(basic, sum)}，{Change(basic, _prior.Basic)}{Reason(Line("3", "basic")?.Reason)}。",
            $"项目支出 {Amount(project)} 万元，{Share(project, sum)}，{Change(project, _prior.Project)}{Reason(Line("3", "project")?.Reason)}。",
        ];
    }

    // 四 财政拨款收支预算情况的总体说明 (表4). 2024 opens with the department's name.
    private List<string> FiscalAppropriation()
    {
        var table4 = Table(TableKind.FiscalAppropriation);
        var total = table4.Total?.Amount("total") ?? 0m;
        var generalBudget = table4.Fixed("generalBudget")?.Amount("income") ?? 0m;
        var govFund = table4.Fixed("govFund")?.Amount("income") ?? 0m;
        var stateCapital = table4.Fixed("stateCapital")?.Amount("income") ?? 0m;
        var opening = _layout2024 ? $"{_department} {_year} 年" : $"{_year} 年";
        var incomeKinds = govFund == 0m && stateCapital == 0m
            ? "收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。"
            : $"收入包括一般公共预算拨款 {Amount(generalBudget)} 万元，政府性基金预算拨款 {Amount(govFund)} 万元，国有资本经营预算拨款 {Amount(stateCapital)} 万元。";
        var uses = Categories(TableKind.FiscalAppropriation, "generalBudget")
            .Select(c => $"{c.Name} {Amount(c.Amount)} 万元{Purpose(Line("4", c.Code)?.Purpose)}");
        return
        [
            $"{opening}财政拨款收支总预算 {Amount(total)} 万元。",
            incomeKinds,
            $"收入预算包括：一般公共预算拨款 {Amount(generalBudget)} 万元。",
            $"一般公共预算支出包括：{string.Join("；", uses)}。",
        ];
    }

    // 五(一) 一般公共预算当年拨款规模变化情况: general-budget money only (表5).
    private List<string> GeneralBudgetScale()
    {
        var total = Table(TableKind.GeneralBudget).Total;
        var (sum, basic, project) = (total?.Amount("total") ?? 0m, total?.Amount("basic") ?? 0m, total?.Amount("project") ?? 0m);
        return
        [
            $"{_department} {_year} 年一般公共预算拨款合计 {Amount(sum)} 万元，其中：",
            $"基本支出 {Amount(basic)} 万元，{Change(basic, _prior.GeneralBudgetBasic)}{Reason(Line("5.1", "basic")?.Reason)}。",
            $"项目支出 {Amount(project)} 万元，{Change(project, _prior.GeneralBudgetProject)}{Reason(Line("5.1", "project")?.Reason)}。",
        ];
    }

    // 五(二) 一般公共预算当年拨款结构情况: shares of the 表5 total.
    private List<string> GeneralBudgetStructure()
    {
        var table5 = Table(TableKind.GeneralBudget);
        var total = table5.Total?.Amount("total") ?? 0m;
        return table5.OfKind(RowKind.Category)
            .Where(r => r.Amount("total") != 0m)
            .Select((r, i) => $"{i + 1}、{r.Name}（类）{Amount(r.Amount("total"))} 万元，{Share(r.Amount("total"), total)}。")
            .ToList();
    }

    // 五(三) 一般公共预算当年拨款具体使用情况: the union of this year's and last year's 项.
    private List<string> GeneralBudgetItems()
    {
        var table5 = Table(TableKind.GeneralBudget);
        var current = table5.OfKind(RowKind.Item).ToDictionary(r => r.Code!, r => r.Amount("total"));
        var codes = current.Keys.Union(_prior.Items.Select(i => i.Code)).Order(StringComparer.Ordinal);
        return codes.Select((code, i) =>
        {
            var amount = current.GetValueOrDefault(code);
            var label = current.ContainsKey(code) ? PriorYearFigures.ItemLabel(table5, code) : _prior.Item(code)?.Label ?? code;
            return $"{i + 1}、{label}：{_year} 年预算数为 {Amount(amount)} 万元，{Change(amount, _prior.ItemAmount(code))}" +
                   $"{Reason(Line("5.3", code)?.Reason)}。";
        }).ToList();
    }

    // 六 一般公共预算基本支出情况说明 (表6): 人员经费 = 301 + 303, 公用经费 = 302.
    private List<string> GeneralBudgetBasic()
    {
        var table6 = Table(TableKind.GeneralBudgetBasic);
        var total = table6.Total;
        string Items(params string[] categories) => string.Join("、", table6.OfKind(RowKind.EconomicClass)
            .Where(r => categories.Contains(r.Code![..3]) && r.Amount("total") != 0m)
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => r.Name));
        return
        [
            $"{_department} {_year} 年一般公共预算基本支出 {Amount(total?.Amount("total") ?? 0m)} 万元，其中：",
            $"人员经费 {Amount(total?.Amount("personnel") ?? 0m)} 万元，主要包括：{Items("301", "303")}。",
            $"公用经费 {Amount(total?.Amount("public") ?? 0m)} 万元，主要包括：{Items("302")}。",
        ];
    }

    // 七 一般公共预算项目支出情况说明: one block per 表7 project.
    private List<string> GeneralBudgetProjects()
    {
        var projects = Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project).ToList();
        var paragraphs = new List<string>();
        for (var i = 0; i < projects.Count; i++)
        {
            var name = projects[i].Project ?? projects[i].Name ?? "";
            var line = ProjectLine("7", name, i);
            paragraphs.AddRange(
            [
                $"（{NoteKeys.Numeral(i + 1)}）项目名称：{name}",
                $"设立的政策依据：{line?.PolicyBasis}",
                $"预算安排规模：{Amount(projects[i].Amount("total"))} 万元",
                $"项目承担单位：{(string.IsNullOrWhiteSpace(line?.Unit) ? _department : line.Unit)}",
                $"资金分配情况：{line?.Allocation}",
                // The period is the budget year unless the officer wrote it otherwise.
                $"资金执行时间：{(string.IsNullOrWhiteSpace(line?.Period) ? $"{_year} 年 1 月 1 日-{_year} 年 12 月 31 日" : line.Period)}",
            ]);
        }
        return paragraphs;
    }

    /// <summary>The typed line of a project: the one with its name, else the one in its position.</summary>
    private NoteLine? ProjectLine(string section, string name, int index)
    {
        var lines = _disclosure.Note(section)?.Lines ?? [];
        return lines.FirstOrDefault(l => l.Label == name) ?? (index < lines.Count ? lines[index] : null);
    }

    // 十 财政拨款“三公”经费预算情况说明. The order is 出国, 购置, 运行, 接待 (not 表10's row order).
    private List<string> ThreePublicExpenses()
    {
        var table10 = Table(TableKind.ThreePublicExpenses);
        decimal Current(string key) => table10.Fixed(key)?.Amount("total") ?? 0m;
        var items = new (string Key, string Label, decimal Prior)[]
        {
            ("overseas", "因公出国（境）费", _prior.Overseas),
            ("vehiclePurchase", "公务用车购置费", _prior.VehiclePurchase),
            ("vehicleOperation", "公务用车运行费", _prior.VehicleOperation),
            ("reception", "公务接待费", _prior.Reception),
        };
        var total = Current("total");
        if (table10.IsEmpty && _prior.ThreePublicTotal == 0m)
            return [_disclosure.Schema(TableKind.ThreePublicExpenses).FormatEmptySentence(_department, _year)];

        var amountWord = _layout2024 ? "经费预算数为" : "经费数为";
        var list = string.Join("，", items.Select(i => $"{i.Label} {ListedAmount(Current(i.Key), _year)} 万元"));
        var changes = string.Join("；", items.Select(i =>
            $"{i.Label}{Delta(Current(i.Key), i.Prior)}{Reason(Line("10", i.Key)?.Reason)}"));
        return
        [
            $"{_department} {_year} 年财政拨款“三公”{amountWord} {Amount(total)} 万元，其中：{list}。",
            $"{_year} 年财政拨款“三公”经费预算{Change(total, _prior.ThreePublicTotal)}，其中：{changes}。",
        ];
    }

    // 十一 上年结转结余预算情况说明 (表11).
    private List<string> Carryover()
    {
        var table11 = Table(TableKind.Carryover);
        if (table11.IsEmpty)
            return [_disclosure.Schema(TableKind.Carryover).FormatEmptySentence(_department, _year)];
        var total = table11.Total;
        var paragraphs = new List<string>
        {
            $"{_department} {_year} 年上年结转结余 {Amount(total?.Amount("total") ?? 0m)} 万元，包括：" +
            $"财政拨款 {Amount(total?.Amount("fiscal") ?? 0m)} 万元，非财政拨款 {Amount(total?.Amount("nonFiscal") ?? 0m)} 万元，其中：",
        };
        var projects = table11.OfKind(RowKind.Project).ToList();
        for (var i = 0; i < projects.Count; i++)
        {
            var name = projects[i].Project ?? projects[i].Name ?? "";
            paragraphs.Add($"{i + 1}．{name} {Amount(projects[i].Amount("total"))} 万元{Purpose(ProjectLine("11", name, i)?.Purpose)}。");
        }
        return paragraphs;
    }

    // 十二(一) 单位运行经费情况 = 表6 公用经费. 2024 documents say 机关, 2025 事业单位.
    private List<string> OperatingExpenses()
    {
        var amount = Table(TableKind.GeneralBudgetBasic).Total?.Amount("public") ?? 0m;
        var unitKind = _layout2024 ? "机关" : "事业单位";
        return
        [
            $"{_department} {_year} 年的{unitKind}运行经费财政拨款预算 {Amount(amount)} 万元，" +
            $"{Change(amount, _prior.OperatingExpenses)}{Reason(Line("12.1", "operating")?.Reason)}。",
        ];
    }

    // 十二(四) 预算绩效情况: 整体 = 表1 总计; 财政拨款项目 = 表5 项目; 非财政拨款项目 = 表3 项目 − 表5 项目.
    private List<string> Performance()
    {
        var fiscalProjects = Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project)
            .Select(r => r.Project ?? r.Name ?? "").ToList();
        var nonFiscalProjects = Table(TableKind.Carryover).OfKind(RowKind.Project)
            .Where(r => r.Amount("nonFiscal") != 0m)
            .Select(r => r.Project ?? r.Name ?? "").ToList();
        var fiscalAmount = Table(TableKind.GeneralBudget).Total?.Amount("project") ?? 0m;
        var nonFiscalAmount = (Table(TableKind.Expenditure).Total?.Amount("project") ?? 0m) - fiscalAmount;
        var total = Amount(Table1Total);

        if (_layout2024)
            return
            [
                $"{_year} 年，本部门预算绩效管理整体预算绩效目标 1 个，涉及金额 {total} 万元；" +
                $"当年财政拨款项目 {fiscalProjects.Count} 个，涉及预算金额 {ListedAmount(fiscalAmount, _year)} 万元；" +
                $"当年非财政拨款项目 {nonFiscalProjects.Count} 个，涉及预算金额 {ListedAmount(nonFiscalAmount, _year)} 万元。" +
                "具体情况见下表（按项目分别填报）：",
            ];
        var projectCount = fiscalProjects.Union(nonFiscalProjects).Count();
        return
        [
            $"{_year} 年，本部门预算绩效管理整体预算绩效目标 1 个，涉及预算金额 {total} 万元；" +
            $"当年预算安排项目共 {projectCount} 个，其中：财政拨款项目涉及预算金额 {Amount(fiscalAmount)} 万元；" +
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

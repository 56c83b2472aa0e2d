using BudgetPortal.Domain.Tables;
using static BudgetPortal.Domain.Notes.NoteFormat;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// The structured lines and figures (docs/disclosure-format.md) of the sections <see cref="NoteDrafter"/>
/// writes: every amount, share, change, name and list of those sections is computed here, from the
/// tables and last year's figures, and the drafter only turns these lines into sentences, so what is
/// stored beside the drafted paragraphs quotes exactly their numbers. The human wording is taken from
/// the disclosure's note lines. Also composes 十二(二) and 十二(三) from their figures (spec §7).
/// </summary>
public sealed class NoteStructure(INoteSource disclosure, PriorYearFigures prior)
{
    private readonly int _year = disclosure.FiscalYear;
    private readonly bool _layout2024 = TableSchemas.LayoutYear(disclosure.FiscalYear) <= 2024;

    public (List<NoteLine> Lines, List<NoteFigure> Figures) Section(string key) => key switch
    {
        "1" => ([], Overall()),
        "2" => (Income(), [new NoteFigure("total", Table1Total)]),
        "3" => (BasicProject("3", Table(TableKind.Expenditure), prior.Basic, prior.Project, withShare: true), [new NoteFigure("total", Total(TableKind.Expenditure, "total"))]),
        "4" => (FiscalUses(), FiscalIncome()),
        "5.1" => (BasicProject("5.1", Table(TableKind.GeneralBudget), prior.GeneralBudgetBasic, prior.GeneralBudgetProject, withShare: false),
                  [new NoteFigure("total", Total(TableKind.GeneralBudget, "total"))]),
        "5.2" => (Structure(), []),
        "5.3" => (Items(), []),
        "6" => ([], Basic()),
        "7" => (Projects(), []),
        "10" => (ThreePublic(), []),
        "11" => Carryover(),
        "12.1" => ([Changed(new NoteLine("operating"), Total(TableKind.GeneralBudgetBasic, "public"), prior.OperatingExpenses, Typed("12.1", "operating"))],
                   [new NoteFigure("unitKind", text: _layout2024 ? "机关" : "事业单位")]),
        "12.4" => ([], Performance()),
        _ => ([], []),
    };

    private BudgetTable Table(TableKind kind) => disclosure.Table(kind);
    private decimal Total(TableKind kind, string column) => Table(kind).TotalOf(column);
    private decimal Table1Total => Total(TableKind.IncomeAndExpenditure, "income");
    private NoteLine? Typed(string section, string key) => disclosure.Note(section)?.Line(key);

    /// <summary>A line with its amount, the change against <paramref name="priorAmount"/> and the typed reason.</summary>
    private static NoteLine Changed(NoteLine line, decimal amount, decimal priorAmount, NoteLine? typed)
    {
        line.Amount = amount;
        line.Change = Round2(amount - priorAmount);
        line.ChangePercent = ChangePercent(amount, priorAmount);
        line.Reason = Clean(typed?.Reason);
        return line;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private List<NoteFigure> Overall()
    {
        var table1 = Table(TableKind.IncomeAndExpenditure);
        var sources = IncomeSources.All.Where(s => IncomeSources.AmountIn(table1, s.Key) != 0m).Select(s => s.Label);
        var categories = table1.OfKind(RowKind.Category).Where(r => r.Amount("expenditure") != 0m).Select(r => CategoryName(r, disclosure));
        return
        [
            new NoteFigure("total", Table1Total),
            new NoteFigure("incomeSources", text: string.Join(NoteFigure.ListSeparator, sources), isList: true),
            new NoteFigure("expenditureCategories", text: string.Join(NoteFigure.ListSeparator, categories), isList: true),
        ];
    }

    private List<NoteLine> Income()
    {
        var table1 = Table(TableKind.IncomeAndExpenditure);
        var total = Table1Total;
        var lines = new List<NoteLine>();
        foreach (var source in IncomeSources.All)
        {
            var current = IncomeSources.AmountIn(table1, source.Key);
            var before = prior.IncomeOf(source.Key);
            if (!source.IsListed(current, before, _year)) continue;
            var line = Changed(new NoteLine(source.Key), current, before, Typed("2", source.Key));
            line.Share = SharePercent(current, total);
            lines.Add(line);
        }
        return lines;
    }

    private List<NoteLine> BasicProject(string section, BudgetTable table, decimal priorBasic, decimal priorProject, bool withShare)
    {
        var total = table.Total;
        var sum = total?.Amount("total") ?? 0m;
        var lines = new List<NoteLine>();
        foreach (var (key, before) in new[] { ("basic", priorBasic), ("project", priorProject) })
        {
            var amount = total?.Amount(key) ?? 0m;
            var line = Changed(new NoteLine(key), amount, before, Typed(section, key));
            if (withShare) line.Share = SharePercent(amount, sum);
            lines.Add(line);
        }
        // Shares are printed before the change: keep the documented field order in the file form.
        return lines;
    }

    /// <summary>
    /// 四's income: 收入预算包括 quotes the general budget; the other two budgets are printed (and so
    /// are figures) only when one of them has money (收入包括一般公共预算拨款 x，政府性基金预算拨款 y，…).
    /// </summary>
    private List<NoteFigure> FiscalIncome()
    {
        var table4 = Table(TableKind.FiscalAppropriation);
        decimal Income(string key) => table4.FixedOf(key, ColumnKeys.Income);
        var figures = new List<NoteFigure>
        {
            new("total", Total(TableKind.FiscalAppropriation, "total")),
            new("generalBudgetIncome", Income("generalBudget")),
        };
        if (Income("govFund") != 0m || Income("stateCapital") != 0m)
        {
            figures.Add(new NoteFigure("govFundIncome", Income("govFund")));
            figures.Add(new NoteFigure("stateCapitalIncome", Income("stateCapital")));
        }
        return figures;
    }

    private List<NoteLine> FiscalUses() =>
        Table(TableKind.FiscalAppropriation).OfKind(RowKind.Category)
            .Where(r => r.Amount("generalBudget") != 0m)
            .Select(r => new NoteLine(r.Code!)
            {
                Label = CategoryName(r, disclosure), Amount = r.Amount("generalBudget"), Purpose = Clean(Typed("4", r.Code!)?.Purpose),
            }).ToList();

    /// <summary>
    /// A 类 as the notes name it: its name in the table, else its name in the year's catalog or layout as
    /// the tables print it (a row read without its name still says 一般公共服务支出, never 201).
    /// </summary>
    public static string CategoryName(TableRow row, INoteSource source) =>
        row.Name ?? (TableSchemas.For(TableKind.IncomeAndExpenditure, source.FiscalYear).CategoryName(row.Code!, source.FunctionalCatalog)
            is { Length: > 0 } name ? name : row.Code!);

    private List<NoteLine> Structure()
    {
        var table5 = Table(TableKind.GeneralBudget);
        var total = table5.TotalOf(ColumnKeys.Total);
        return table5.OfKind(RowKind.Category).Where(r => r.Amount("total") != 0m)
            .Select(r => new NoteLine(r.Code!) { Label = CategoryName(r, disclosure), Amount = r.Amount("total"), Share = SharePercent(r.Amount("total"), total) })
            .ToList();
    }

    /// <summary>五(三): the union of this year's and last year's 项, in code order.</summary>
    private List<NoteLine> Items()
    {
        var table5 = Table(TableKind.GeneralBudget);
        var current = table5.OfKind(RowKind.Item).ToDictionary(r => r.Code!, r => r.Amount("total"));
        return current.Keys.Union(prior.Items.Select(i => i.Code)).Order(StringComparer.Ordinal).Select(code =>
        {
            var label = current.ContainsKey(code) ? PriorYearFigures.ItemLabel(table5, code) : prior.Item(code)?.Label ?? code;
            return Changed(new NoteLine(code) { Label = label }, current.GetValueOrDefault(code), prior.ItemAmount(code), Typed("5.3", code));
        }).ToList();
    }

    private List<NoteFigure> Basic()
    {
        var table6 = Table(TableKind.GeneralBudgetBasic);
        string Items(params string[] categories) => string.Join(NoteFigure.ListSeparator, table6.OfKind(RowKind.EconomicClass)
            .Where(r => categories.Contains(r.Code![..3]) && r.Amount("total") != 0m)
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => r.Name));
        return
        [
            new NoteFigure("total", Total(TableKind.GeneralBudgetBasic, "total")),
            new NoteFigure("personnel", Total(TableKind.GeneralBudgetBasic, "personnel")),
            new NoteFigure("public", Total(TableKind.GeneralBudgetBasic, "public")),
            new NoteFigure("personnelItems", text: Items("301", "303"), isList: true),
            new NoteFigure("publicItems", text: Items("302"), isList: true),
        ];
    }

    /// <summary>The typed line of a project: the one with its name, else the one in its position.</summary>
    private NoteLine? ProjectLine(string section, string name, int index)
    {
        var lines = disclosure.Note(section)?.Lines ?? [];
        return lines.FirstOrDefault(l => l.Label == name) ?? (index < lines.Count ? lines[index] : null);
    }

    private List<NoteLine> Projects()
    {
        var projects = Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project).ToList();
        return projects.Select((p, i) =>
        {
            var name = p.Project ?? p.Name ?? "";
            var typed = ProjectLine("7", name, i);
            return new NoteLine($"project{i + 1}")
            {
                Label = name, Amount = p.Amount("total"), PolicyBasis = Clean(typed?.PolicyBasis),
                Unit = Clean(typed?.Unit) ?? disclosure.DepartmentName, Allocation = Clean(typed?.Allocation),
                Period = Clean(typed?.Period) ?? $"{_year} 年 1 月 1 日-{_year} 年 12 月 31 日",
            };
        }).ToList();
    }

    /// <summary>十's items in the order the note prints them: 出国, 购置, 运行, 接待 (not 表10's row order).</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> ThreePublicItems =
    [
        ("overseas", "因公出国（境）费"), ("vehiclePurchase", "公务用车购置费"), ("vehicleOperation", "公务用车运行费"), ("reception", "公务接待费"),
    ];

    /// <summary>十: the total, then the items; nothing when 表10 is empty and last year had none either.</summary>
    private List<NoteLine> ThreePublic()
    {
        var table10 = Table(TableKind.ThreePublicExpenses);
        if (table10.IsEmpty && prior.ThreePublicTotal == 0m) return [];
        decimal Current(string key) => table10.FixedOf(key, ColumnKeys.Total);
        return
        [
            Changed(new NoteLine("total"), Current("total"), prior.ThreePublicTotal, null),
            .. ThreePublicItems.Select(i => Changed(new NoteLine(i.Key), Current(i.Key), prior.AmountOf("10", i.Key), Typed("10", i.Key))),
        ];
    }

    private (List<NoteLine>, List<NoteFigure>) Carryover()
    {
        var table11 = Table(TableKind.Carryover);
        if (table11.IsEmpty) return ([], []);
        var projects = table11.OfKind(RowKind.Project).ToList();
        var lines = projects.Select((p, i) =>
        {
            var name = p.Project ?? p.Name ?? "";
            return new NoteLine($"project{i + 1}") { Label = name, Amount = p.Amount("total"), Purpose = Clean(ProjectLine("11", name, i)?.Purpose) };
        }).ToList();
        return (lines,
        [
            new NoteFigure("total", Total(TableKind.Carryover, "total")),
            new NoteFigure("fiscal", Total(TableKind.Carryover, "fiscal")),
            new NoteFigure("nonFiscal", Total(TableKind.Carryover, "nonFiscal")),
        ]);
    }

    private List<NoteFigure> Performance()
    {
        var fiscalProjects = Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project).Select(r => r.Project ?? r.Name ?? "").ToList();
        var nonFiscalProjects = Table(TableKind.Carryover).OfKind(RowKind.Project).Where(r => r.Amount("nonFiscal") != 0m)
            .Select(r => r.Project ?? r.Name ?? "").ToList();
        var fiscalAmount = Total(TableKind.GeneralBudget, "project");
        var nonFiscalAmount = Total(TableKind.Expenditure, "project") - fiscalAmount;
        var figures = new List<NoteFigure> { new("overallTargets", 1m), new("overallAmount", Table1Total) };
        if (_layout2024)
        {
            figures.Add(new NoteFigure("fiscalProjectCount", fiscalProjects.Count));
            figures.Add(new NoteFigure("fiscalProjectAmount", fiscalAmount));
            figures.Add(new NoteFigure("nonFiscalProjectCount", nonFiscalProjects.Count));
            figures.Add(new NoteFigure("nonFiscalProjectAmount", nonFiscalAmount));
        }
        else
        {
            figures.Add(new NoteFigure("projectCount", fiscalProjects.Union(nonFiscalProjects).Count()));
            figures.Add(new NoteFigure("fiscalProjectAmount", fiscalAmount));
            figures.Add(new NoteFigure("nonFiscalProjectAmount", nonFiscalAmount));
        }
        return figures;
    }

    /// <summary>The keys of 十二(二)'s typed figures; 政府采购预算 is their sum.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> ProcurementInputs =
    [
        ("goods", "政府采购货物预算（万元）"), ("works", "政府采购工程预算（万元）"), ("services", "政府采购服务预算（万元）"),
        ("smeReserved", "面向中小企业预留政府采购项目预算金额（万元）"), ("smallMicroReserved", "小微企业预留政府采购项目预算金额（万元）"),
    ];

    /// <summary>十二(二) 政府采购情况 (spec §7): the paragraphs and the figures, the total being goods + works + services.</summary>
    public static (List<string> Paragraphs, List<NoteFigure> Figures) Procurement(string department, int year, IReadOnlyDictionary<string, decimal> typed)
    {
        decimal F(string key) => typed.GetValueOrDefault(key);
        var total = F("goods") + F("works") + F("services");
        string L(decimal v) => ListedAmount(v, year);
        return (
        [
            $"{year} 年，{department}政府采购预算 {Amount(total)} 万元，其中：政府采购货物预算 {L(F("goods"))} 万元，" +
            $"政府采购工程预算 {L(F("works"))} 万元，政府采购服务预算 {L(F("services"))} 万元。",
            $"{year} 年，{department}面向中小企业预留政府采购项目预算金额 {L(F("smeReserved"))} 万元，" +
            $"小微企业预留政府采购项目预算金额 {L(F("smallMicroReserved"))} 万元。",
        ],
        [
            new NoteFigure("total", total), .. ProcurementInputs.Select(i => new NoteFigure(i.Key, F(i.Key))),
        ]);
    }

    /// <summary>The keys of 十二(三)'s typed figures, and whether each is a count (台, 辆) rather than an amount.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, bool IsCount)> AssetInputs =
    [
        ("buildingArea", "房屋面积（平方米）", false), ("buildingValue", "房屋价值（万元）", false),
        ("generalVehicles", "一般公务用车（辆）", true), ("generalVehiclesValue", "一般公务用车价值（万元）", false),
        ("enforcementVehicles", "执法执勤用车（辆）", true), ("enforcementVehiclesValue", "执法执勤用车价值（万元）", false),
        ("otherVehicles", "其他车辆（辆）", true), ("otherVehiclesValue", "其他车辆价值（万元）", false),
        ("furnitureValue", "办公家具价值（万元）", false), ("otherAssetsValue", "其他资产价值（万元）", false),
        ("equipmentOver50", "价值 50 万元以上大型设备（台）", true), ("equipmentOver100", "价值 100 万元以上大型设备（台）", true),
        ("plannedEquipmentOver50", "本年安排购置 50 万元以上大型设备（台）", true), ("plannedEquipmentOver100", "本年安排购置单位价值 100 万元以上大型设备（台）", true),
    ];

    /// <summary>十二(三) 国有资产占用使用情况 (spec §7): vehicles and their value are the sums of the three kinds.</summary>
    public static (List<string> Paragraphs, List<NoteFigure> Figures) Assets(string department, int year, IReadOnlyDictionary<string, decimal> typed)
    {
        decimal F(string key) => typed.GetValueOrDefault(key);
        string N(string key) => F(key).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        var vehicles = F("generalVehicles") + F("enforcementVehicles") + F("otherVehicles");
        var vehiclesValue = F("generalVehiclesValue") + F("enforcementVehiclesValue") + F("otherVehiclesValue");
        var holder = TableSchemas.LayoutYear(year) <= 2024 ? "单位" : "部门";
        return (
        [
            $"截至 {year - 1} 年底，{department}占用使用国有资产总体情况为：",
            $"1.房屋 {Amount(F("buildingArea"))} 平方米，价值 {Amount(F("buildingValue"))} 万元。",
            $"2.车辆 {vehicles:0} 辆，价值 {Amount(vehiclesValue)} 万元；其中：一般公务用车 {N("generalVehicles")} 辆，价值 {Amount(F("generalVehiclesValue"))} 万元；" +
            $"执法执勤用车 {N("enforcementVehicles")} 辆，价值 {Amount(F("enforcementVehiclesValue"))} 万元；其他车辆 {N("otherVehicles")} 辆，价值 {Amount(F("otherVehiclesValue"))} 万元。",
            $"3.办公家具价值 {Amount(F("furnitureValue"))} 万元。",
            $"4.其他资产价值 {Amount(F("otherAssetsValue"))} 万元。",
            $"{holder}价值 50 万元以上大型设备 {N("equipmentOver50")} 台，{holder}价值 100 万元以上大型设备 {N("equipmentOver100")} 台。",
            $"{year} 年部门预算未安排购置车辆经费，安排购置 50 万元以上大型设备 {N("plannedEquipmentOver50")} 台，单位价值 100 万元以上大型设备 {N("plannedEquipmentOver100")} 台。",
        ],
        [
            new NoteFigure("asOfYear", year - 1), new NoteFigure("vehicles", vehicles), new NoteFigure("vehiclesValue", vehiclesValue),
            .. AssetInputs.Select(i => new NoteFigure(i.Key, F(i.Key))),
        ]);
    }
}

using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// Last year's budget figures the notes compare against (比上年预算…): one amount per line of
/// 说明二, 三, 五(一), 五(三), 十 and 十二(一). Read from last year's disclosure of the same department
/// when the portal has it (<see cref="FromDisclosure"/>), otherwise from the current disclosure's
/// stored note lines, where the printed text states them as amount − change (<see cref="FromNoteLines"/>),
/// or entered by a person (the init properties).
/// </summary>
public sealed class PriorYearFigures
{
    /// <summary>The year these figures are the budget of (the disclosure's year − 1).</summary>
    public int FiscalYear { get; init; }

    /// <summary>Income by source (<see cref="IncomeSources"/> keys); a source left out is 0.</summary>
    public IReadOnlyDictionary<string, decimal> Income { get; init; } = new Dictionary<string, decimal>();

    /// <summary>基本支出, all funds (表3 总计).</summary>
    public decimal Basic { get; init; }

    /// <summary>项目支出, all funds (表3 总计).</summary>
    public decimal Project { get; init; }

    /// <summary>一般公共预算 基本支出 (表5 总计).</summary>
    public decimal GeneralBudgetBasic { get; init; }

    /// <summary>一般公共预算 项目支出 (表5 总计).</summary>
    public decimal GeneralBudgetProject { get; init; }

    /// <summary>The 项 of 表5 with their 合计; a 项 left out is 0.</summary>
    public IReadOnlyList<PriorYearItem> Items { get; init; } = [];

    /// <summary>因公出国（境）费 (表10).</summary>
    public decimal Overseas { get; init; }

    /// <summary>公务用车购置费 (表10).</summary>
    public decimal VehiclePurchase { get; init; }

    /// <summary>公务用车运行费 (表10).</summary>
    public decimal VehicleOperation { get; init; }

    /// <summary>公务接待费 (表10).</summary>
    public decimal Reception { get; init; }

    /// <summary>“三公”经费 合计.</summary>
    public decimal ThreePublicTotal => Overseas + VehiclePurchase + VehicleOperation + Reception;

    /// <summary>机关/事业单位运行经费 (表6 公用经费).</summary>
    public decimal OperatingExpenses { get; init; }

    public decimal IncomeOf(string sourceKey) => Income.GetValueOrDefault(sourceKey);

    public PriorYearItem? Item(string code) => Items.FirstOrDefault(i => i.Code == code);

    public decimal ItemAmount(string code) => Item(code)?.Amount ?? 0m;

    /// <summary>
    /// The prior-year figures for drafting <paramref name="current"/>: from <paramref name="prior"/>
    /// when the portal has last year's disclosure of the same department, else from the current
    /// disclosure's stored note lines.
    /// </summary>
    public static PriorYearFigures For(Disclosure current, Disclosure? prior)
    {
        if (prior is null) return FromNoteLines(current);
        if (prior.Department.Code != current.Department.Code)
            throw new DomainException($"上年数据应来自同一部门：{prior.DepartmentName} 不是 {current.DepartmentName}。");
        if (prior.FiscalYear != current.FiscalYear - 1)
            throw new DomainException($"上年数据应为 {current.FiscalYear - 1} 年的部门预算，实际为 {prior.FiscalYear} 年。");
        return FromDisclosure(prior);
    }

    /// <summary>Last year's figures read from last year's tables.</summary>
    public static PriorYearFigures FromDisclosure(Disclosure prior)
    {
        var table1 = prior.Table(TableKind.IncomeAndExpenditure);
        var expenditure = prior.Table(TableKind.Expenditure).Total;
        var generalBudget = prior.Table(TableKind.GeneralBudget);
        var threePublic = prior.Table(TableKind.ThreePublicExpenses);
        decimal ThreePublic(string key) => threePublic.Fixed(key)?.Amount("total") ?? 0m;

        return new PriorYearFigures
        {
            FiscalYear = prior.FiscalYear,
            Income = IncomeSources.All.ToDictionary(s => s.Key, s => IncomeSources.AmountIn(table1, s.Key)),
            Basic = expenditure?.Amount("basic") ?? 0m,
            Project = expenditure?.Amount("project") ?? 0m,
            GeneralBudgetBasic = generalBudget.Total?.Amount("basic") ?? 0m,
            GeneralBudgetProject = generalBudget.Total?.Amount("project") ?? 0m,
            Items = generalBudget.OfKind(RowKind.Item)
                .Select(r => new PriorYearItem(r.Code!, r.Amount("total"), ItemLabel(generalBudget, r.Code!)))
                .ToList(),
            Overseas = ThreePublic("overseas"),
            VehiclePurchase = ThreePublic("vehiclePurchase"),
            VehicleOperation = ThreePublic("vehicleOperation"),
            Reception = ThreePublic("reception"),
            OperatingExpenses = prior.Table(TableKind.GeneralBudgetBasic).Total?.Amount("public") ?? 0m,
        };
    }

    /// <summary>
    /// Last year's figures as the current disclosure's published notes state them: each line's
    /// amount − change (<see cref="NoteLine.PriorAmount"/>). A line that is not printed is 0.
    /// </summary>
    public static PriorYearFigures FromNoteLines(Disclosure current)
    {
        decimal Prior(string section, string key) => current.Note(section)?.Line(key)?.PriorAmount ?? 0m;

        return new PriorYearFigures
        {
            FiscalYear = current.FiscalYear - 1,
            Income = IncomeSources.All.ToDictionary(s => s.Key, s => Prior("2", s.Key)),
            Basic = Prior("3", "basic"),
            Project = Prior("3", "project"),
            GeneralBudgetBasic = Prior("5.1", "basic"),
            GeneralBudgetProject = Prior("5.1", "project"),
            Items = (current.Note("5.3")?.Lines ?? [])
                .Select(l => new PriorYearItem(l.Key, l.PriorAmount ?? 0m, l.Label))
                .ToList(),
            Overseas = Prior("10", "overseas"),
            VehiclePurchase = Prior("10", "vehiclePurchase"),
            VehicleOperation = Prior("10", "vehicleOperation"),
            Reception = Prior("10", "reception"),
            OperatingExpenses = Prior("12.1", "operating"),
        };
    }

    /// <summary>The sections whose lines compare with last year, and the keys of their prior-year amounts.</summary>
    public static IReadOnlyList<string> KeysOf(string section) => section switch
    {
        "2" => IncomeSources.All.Select(s => s.Key).ToList(),
        "3" or "5.1" => ["basic", "project"],
        "10" => ["overseas", "vehiclePurchase", "vehicleOperation", "reception"],
        "12.1" => ["operating"],
        _ => [],
    };

    /// <summary>
    /// These figures with one section's prior-year amounts replaced by what a person typed (when the
    /// portal has no last-year disclosure): <paramref name="amounts"/> by line key (for 五(三) by 项
    /// code, labelled by <paramref name="itemLabels"/>).
    /// </summary>
    public PriorYearFigures WithSection(string section, IReadOnlyDictionary<string, decimal> amounts,
        IReadOnlyDictionary<string, string?>? itemLabels = null)
    {
        decimal Or(string key, decimal current) => amounts.TryGetValue(key, out var v) ? v : current;
        return new PriorYearFigures
        {
            FiscalYear = FiscalYear,
            Income = section == "2" ? IncomeSources.All.ToDictionary(s => s.Key, s => Or(s.Key, IncomeOf(s.Key))) : Income,
            Basic = section == "3" ? Or("basic", Basic) : Basic,
            Project = section == "3" ? Or("project", Project) : Project,
            GeneralBudgetBasic = section == "5.1" ? Or("basic", GeneralBudgetBasic) : GeneralBudgetBasic,
            GeneralBudgetProject = section == "5.1" ? Or("project", GeneralBudgetProject) : GeneralBudgetProject,
            Items = section == "5.3"
                ? amounts.Select(a => new PriorYearItem(a.Key, a.Value, itemLabels?.GetValueOrDefault(a.Key) ?? Item(a.Key)?.Label)).ToList()
                : Items,
            Overseas = section == "10" ? Or("overseas", Overseas) : Overseas,
            VehiclePurchase = section == "10" ? Or("vehiclePurchase", VehiclePurchase) : VehiclePurchase,
            VehicleOperation = section == "10" ? Or("vehicleOperation", VehicleOperation) : VehicleOperation,
            Reception = section == "10" ? Or("reception", Reception) : Reception,
            OperatingExpenses = section == "12.1" ? Or("operating", OperatingExpenses) : OperatingExpenses,
        };
    }

    /// <summary>The prior-year amount of a line of a section (<see cref="KeysOf"/>; 五(三) by 项 code).</summary>
    public decimal AmountOf(string section, string key) => section switch
    {
        "2" => IncomeOf(key),
        "3" => key == "basic" ? Basic : Project,
        "5.1" => key == "basic" ? GeneralBudgetBasic : GeneralBudgetProject,
        "5.3" => ItemAmount(key),
        "10" => key switch { "overseas" => Overseas, "vehiclePurchase" => VehiclePurchase, "vehicleOperation" => VehicleOperation, _ => Reception },
        "12.1" => OperatingExpenses,
        _ => 0m,
    };

    /// <summary><c>{类}（类）{款}（款）{项}（项）</c> from the names of a functional table's rows.</summary>
    public static string ItemLabel(BudgetTable table, string itemCode)
    {
        string Name(string code) => table.ByCode(code)?.Name ?? code;
        return $"{Name(itemCode[..3])}（类）{Name(itemCode[..5])}（款）{Name(itemCode)}（项）";
    }
}

/// <summary>A 项 of 表5 last year: its code, its 合计, and the 类（类）款（款）项（项） label where known.</summary>
public sealed record PriorYearItem(string Code, decimal Amount, string? Label = null);

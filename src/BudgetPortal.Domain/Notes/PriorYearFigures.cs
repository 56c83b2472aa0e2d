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
    /// <summary>
    /// Every line that compares with last year, but 五(三)'s 项 (<see cref="Items"/>): its section, its
    /// line key, and where last year's tables hold its amount.
    /// </summary>
    private static readonly IReadOnlyList<(string Section, string Key, Func<INoteSource, decimal> InTables)> Lines =
    [
        .. IncomeSources.All.Select(s => (Section: "2", s.Key,
            InTables: (Func<INoteSource, decimal>)(d => IncomeSources.AmountIn(d.Table(TableKind.IncomeAndExpenditure), s.Key)))),
        ("3", "basic", d => Total(d, TableKind.Expenditure, "basic")),
        ("3", "project", d => Total(d, TableKind.Expenditure, "project")),
        ("5.1", "basic", d => Total(d, TableKind.GeneralBudget, "basic")),
        ("5.1", "project", d => Total(d, TableKind.GeneralBudget, "project")),
        ("10", "overseas", d => ThreePublic(d, "overseas")),
        ("10", "vehiclePurchase", d => ThreePublic(d, "vehiclePurchase")),
        ("10", "vehicleOperation", d => ThreePublic(d, "vehicleOperation")),
        ("10", "reception", d => ThreePublic(d, "reception")),
        ("12.1", "operating", d => Total(d, TableKind.GeneralBudgetBasic, "public")),
    ];

    private static decimal Total(INoteSource d, TableKind kind, string column) => d.Table(kind).TotalOf(column);

    private static decimal ThreePublic(INoteSource d, string key) => d.Table(TableKind.ThreePublicExpenses).FixedOf(key, ColumnKeys.Total);

    /// <summary>Last year's amount of each line, by section and line key; a line left out is 0.</summary>
    private readonly Dictionary<(string Section, string Key), decimal> _amounts = [];

    /// <summary>The year these figures are the budget of (the disclosure's year − 1).</summary>
    public int FiscalYear { get; init; }

    /// <summary>Income by source (<see cref="IncomeSources"/> keys); a source left out is 0.</summary>
    public IReadOnlyDictionary<string, decimal> Income
    {
        get => _amounts.Where(a => a.Key.Section == "2").ToDictionary(a => a.Key.Key, a => a.Value);
        init { foreach (var (key, amount) in value) _amounts[("2", key)] = amount; }
    }

    /// <summary>基本支出, all funds (表3 总计).</summary>
    public decimal Basic { get => AmountOf("3", "basic"); init => _amounts[("3", "basic")] = value; }

    /// <summary>项目支出, all funds (表3 总计).</summary>
    public decimal Project { get => AmountOf("3", "project"); init => _amounts[("3", "project")] = value; }

    /// <summary>一般公共预算 基本支出 (表5 总计).</summary>
    public decimal GeneralBudgetBasic { get => AmountOf("5.1", "basic"); init => _amounts[("5.1", "basic")] = value; }

    /// <summary>一般公共预算 项目支出 (表5 总计).</summary>
    public decimal GeneralBudgetProject { get => AmountOf("5.1", "project"); init => _amounts[("5.1", "project")] = value; }

    /// <summary>The 项 of 表5 with their 合计; a 项 left out is 0.</summary>
    public IReadOnlyList<PriorYearItem> Items { get; init; } = [];

    /// <summary>因公出国（境）费 (表10).</summary>
    public decimal Overseas { get => AmountOf("10", "overseas"); init => _amounts[("10", "overseas")] = value; }

    /// <summary>公务用车购置费 (表10).</summary>
    public decimal VehiclePurchase { get => AmountOf("10", "vehiclePurchase"); init => _amounts[("10", "vehiclePurchase")] = value; }

    /// <summary>公务用车运行费 (表10).</summary>
    public decimal VehicleOperation { get => AmountOf("10", "vehicleOperation"); init => _amounts[("10", "vehicleOperation")] = value; }

    /// <summary>公务接待费 (表10).</summary>
    public decimal Reception { get => AmountOf("10", "reception"); init => _amounts[("10", "reception")] = value; }

    /// <summary>“三公”经费 合计.</summary>
    public decimal ThreePublicTotal => Overseas + VehiclePurchase + VehicleOperation + Reception;

    /// <summary>机关/事业单位运行经费 (表6 公用经费).</summary>
    public decimal OperatingExpenses { get => AmountOf("12.1", "operating"); init => _amounts[("12.1", "operating")] = value; }

    public decimal IncomeOf(string sourceKey) => AmountOf("2", sourceKey);

    public PriorYearItem? Item(string code) => Items.FirstOrDefault(i => i.Code == code);

    public decimal ItemAmount(string code) => Item(code)?.Amount ?? 0m;

    /// <summary>The prior-year amount of a line of a section (五(三) by 项 code); 0 for a line that does not compare with last year.</summary>
    public decimal AmountOf(string section, string key) =>
        section == "5.3" ? ItemAmount(key) : _amounts.GetValueOrDefault((section, key));

    /// <summary>
    /// The prior-year figures for drafting <paramref name="current"/>: from <paramref name="prior"/>
    /// when the portal has last year's disclosure of the same department, else from the current
    /// disclosure's stored note lines.
    /// </summary>
    public static PriorYearFigures For(INoteSource current, INoteSource? prior)
    {
        if (prior is null) return FromNoteLines(current);
        if (prior.DepartmentCode != current.DepartmentCode)
            throw new DomainException($"上年数据应来自同一部门：{prior.DepartmentName} 不是 {current.DepartmentName}。");
        if (prior.FiscalYear != current.FiscalYear - 1)
            throw new DomainException($"上年数据应为 {current.FiscalYear - 1} 年的部门预算，实际为 {prior.FiscalYear} 年。");
        return FromDisclosure(prior);
    }

    /// <summary>Last year's figures read from last year's tables.</summary>
    public static PriorYearFigures FromDisclosure(INoteSource prior)
    {
        var generalBudget = prior.Table(TableKind.GeneralBudget);
        var figures = new PriorYearFigures
        {
            FiscalYear = prior.FiscalYear,
            Items = generalBudget.OfKind(RowKind.Item)
                .Select(r => new PriorYearItem(r.Code!, r.Amount("total"), ItemLabel(generalBudget, r.Code!)))
                .ToList(),
        };
        foreach (var line in Lines) figures._amounts[(line.Section, line.Key)] = line.InTables(prior);
        return figures;
    }

    /// <summary>
    /// Last year's figures as the current disclosure's published notes state them: each line's
    /// amount − change (<see cref="NoteLine.PriorAmount"/>). A line that is not printed is 0.
    /// </summary>
    public static PriorYearFigures FromNoteLines(INoteSource current)
    {
        var figures = new PriorYearFigures
        {
            FiscalYear = current.FiscalYear - 1,
            // A 项 with nothing last year is not one of last year's 项 (it is listed for this year's money).
            Items = (current.Note("5.3")?.Lines ?? [])
                .Where(l => l.PriorAmount is { } p && p != 0m)
                .Select(l => new PriorYearItem(l.Key, l.PriorAmount!.Value, l.Label))
                .ToList(),
        };
        foreach (var line in Lines)
            figures._amounts[(line.Section, line.Key)] = current.Note(line.Section)?.Line(line.Key)?.PriorAmount ?? 0m;
        return figures;
    }

    /// <summary>
    /// These figures with one section's prior-year amounts replaced by what a person typed (when the
    /// portal has no last-year disclosure): <paramref name="amounts"/> by line key (for 五(三) by 项
    /// code, labelled by <paramref name="itemLabels"/>).
    /// </summary>
    public PriorYearFigures WithSection(string section, IReadOnlyDictionary<string, decimal> amounts,
        IReadOnlyDictionary<string, string?>? itemLabels = null)
    {
        var figures = new PriorYearFigures
        {
            FiscalYear = FiscalYear,
            Items = section == "5.3"
                ? amounts.Select(a => new PriorYearItem(a.Key, a.Value, itemLabels?.GetValueOrDefault(a.Key) ?? Item(a.Key)?.Label)).ToList()
                : Items,
        };
        foreach (var (key, amount) in _amounts) figures._amounts[key] = amount;
        foreach (var line in Lines.Where(l => l.Section == section))
            if (amounts.TryGetValue(line.Key, out var typed)) figures._amounts[(section, line.Key)] = typed;
        return figures;
    }

    /// <summary><c>{类}（类）{款}（款）{项}（项）</c> from the names of a functional table's rows.</summary>
    public static string ItemLabel(BudgetTable table, string itemCode)
    {
        string Name(string code) => table.ByCode(code)?.Name ?? code;
        return $"{Name(itemCode[..3])}（类）{Name(itemCode[..5])}（款）{Name(itemCode)}（项）";
    }
}

/// <summary>A 项 of 表5 last year: its code, its 合计, and the 类（类）款（款）项（项） label where known.</summary>
public sealed record PriorYearItem(string Code, decimal Amount, string? Label = null);

namespace BudgetPortal.Domain.Performance;

public enum SheetKind
{
    /// <summary>部门整体绩效目标表</summary>
    Department,
    /// <summary>项目支出绩效目标表</summary>
    Project,
}

/// <summary>
/// A performance-target sheet: the whole-department sheet (部门整体绩效目标表) or a project's
/// (项目支出绩效目标表), its header fields as printed and its indicator rows in printed order.
/// </summary>
public sealed class PerformanceSheet
{
    private readonly List<Indicator> _indicators = [];

    private PerformanceSheet() { Name = ""; }

    public PerformanceSheet(SheetKind kind, int year, string name, IEnumerable<Indicator> indicators)
    {
        Kind = kind;
        Year = year;
        Name = name;
        var i = 0;
        foreach (var indicator in indicators) { indicator.Ordinal = i++; _indicators.Add(indicator); }
    }

    public int Id { get; private set; }
    public int DisclosureId { get; private set; }
    public int Ordinal { get; internal set; }
    public SheetKind Kind { get; private set; }
    public int Year { get; private set; }

    /// <summary>部门名称（盖章） on the department sheet; 项目名称 on a project sheet.</summary>
    public string Name { get; private set; }

    /// <summary>预算单位 (project sheet).</summary>
    public string? Unit { get; set; }
    /// <summary>部门联系人 (department sheet) or 项目负责人 (project sheet).</summary>
    public string? Contact { get; set; }
    public string? Phone { get; set; }
    /// <summary>年度绩效目标 / 项目总体目标.</summary>
    public string? Goal { get; set; }

    /// <summary>Department sheet: 财政资金 上级安排 / 本级安排, 其他资金.</summary>
    public decimal? FundsSuperior { get; set; }
    public decimal? FundsLocal { get; set; }
    /// <summary>Project sheet: 年度预算总额, 其中：财政拨款; both sheets: 其他资金.</summary>
    public decimal? FundsTotal { get; set; }
    public decimal? FundsFiscal { get; set; }
    public decimal? FundsOther { get; set; }

    public IReadOnlyList<Indicator> Indicators => _indicators.OrderBy(i => i.Ordinal).ToList();

    public decimal WeightSum => _indicators.Sum(i => i.Weight ?? 0m);

    /// <summary>A copy for another version, with copies of its indicators.</summary>
    public PerformanceSheet Copy() => new(Kind, Year, Name, Indicators.Select(i => i.Copy()))
    {
        Ordinal = Ordinal, Unit = Unit, Contact = Contact, Phone = Phone, Goal = Goal,
        FundsSuperior = FundsSuperior, FundsLocal = FundsLocal, FundsTotal = FundsTotal, FundsFiscal = FundsFiscal, FundsOther = FundsOther,
    };

    public string Title => Kind == SheetKind.Department ? "部门整体绩效目标表" : "项目支出绩效目标表";
}

/// <summary>
/// An indicator row: 一级/二级/三级指标, 指标值 as printed, 依据, 权重 and (project sheets) 上年完成值, 赋分规则,
/// 佐证资料. Its fields are data too (<see cref="IndicatorField.All"/>): the file form, the sheet form, the
/// limits and the copy read them there.
/// </summary>
public sealed class Indicator
{
    /// <summary>An indicator with every field empty, filled field by field (the file form, the import).</summary>
    internal Indicator() { Level1 = ""; Level2 = ""; Level3 = ""; Value = ""; }

    public Indicator(string level1, string level2, string level3, string value)
    {
        Level1 = level1;
        Level2 = level2;
        Level3 = level3;
        Value = value;
    }

    public int Id { get; private set; }
    public int PerformanceSheetId { get; private set; }
    public int Ordinal { get; internal set; }
    public string Level1 { get; set; }
    public string Level2 { get; set; }
    public string Level3 { get; set; }
    /// <summary>指标值 as printed (＞=130 批次, =100%, 保障).</summary>
    public string Value { get; set; }
    public string? Basis { get; set; }
    public string? LastYear { get; set; }
    public decimal? Weight { get; set; }
    public string? Scoring { get; set; }
    public string? Evidence { get; set; }

    /// <summary>A copy with every field, for another sheet (an indicator never has two owners).</summary>
    public Indicator Copy()
    {
        var copy = new Indicator();
        foreach (var field in IndicatorField.All) field.Copy(this, copy);
        return copy;
    }

    public IndicatorValue ParsedValue => IndicatorValue.Parse(Value);
}

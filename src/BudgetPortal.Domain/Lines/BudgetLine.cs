using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Lines;

/// <summary>What a line pays for: 基本支出 (人员经费 or 公用经费) or 项目支出.</summary>
public enum LineSpending { Personnel, Public, Project }

/// <summary>
/// One line of a department's budget as 预算管理一体化 keeps it: a 功能分类 项 (7 digits), a 部门经济分类 款
/// (5 digits), 基本支出 (人员/公用经费) or a named 项目支出, the source of the money and the amount in 万元.
/// A line-based draft keeps its figures as lines and derives the eleven tables from them
/// (<see cref="LineDerivation"/>), so its tables cannot disagree.
/// </summary>
public sealed class BudgetLine
{
    private BudgetLine() { FunctionalCode = ""; EconomicCode = ""; }

    /// <param name="where">Where the line stands for messages (e.g. "第 3 行"); refusals name it.</param>
    public BudgetLine(string functionalCode, string economicCode, LineSpending spending, MoneySource source, decimal amount,
        string? project = null, string? projectLeader = null, string where = "预算明细")
    {
        functionalCode = (functionalCode ?? "").Replace(" ", "");
        economicCode = (economicCode ?? "").Replace(" ", "");
        if (functionalCode.Length != 7 || !functionalCode.All(char.IsAsciiDigit))
            throw new DomainException($"{where}：功能分类科目编码“{functionalCode}”无效，应为 7 位数字的“项”级科目（如 2013150）。");
        if (economicCode.Length != 5 || !economicCode.All(char.IsAsciiDigit))
            throw new DomainException($"{where}：经济分类科目编码“{economicCode}”无效，应为 5 位数字的“款”级科目（如 30101）。");
        if (!Enum.IsDefined(spending))
            throw new DomainException($"{where}：支出类型无效，应为人员经费、公用经费或项目支出。");
        if (!Enum.IsDefined(source))
            throw new DomainException($"{where}：资金来源无效。");
        // 表6 reads 人员经费 as 301 + 303 and 公用经费 as 302 (rules F3, F4): a basic line's kind follows its economic 类.
        var economicClass = economicCode[..3];
        if (spending == LineSpending.Personnel && economicClass is not ("301" or "303"))
            throw new DomainException($"{where}：人员经费只能使用经济分类 301 工资福利支出或 303 对个人和家庭的补助的科目，“{economicCode}”不是。");
        if (spending == LineSpending.Public && economicClass != "302")
            throw new DomainException($"{where}：公用经费只能使用经济分类 302 商品和服务支出的科目，“{economicCode}”不是；其他支出请作为项目支出。");
        project = string.IsNullOrWhiteSpace(project) ? null : project.Trim();
        projectLeader = string.IsNullOrWhiteSpace(projectLeader) ? null : projectLeader.Trim();
        if (spending == LineSpending.Project && project is null)
            throw new DomainException($"{where}：项目支出必须填写项目名称。");
        if (spending != LineSpending.Project && (project is not null || projectLeader is not null))
            throw new DomainException($"{where}：基本支出不填项目名称和项目负责人；属于项目的支出请选“项目支出”。");
        if (amount <= 0m)
            throw new DomainException($"{where}：金额应大于 0（单位：万元），现为 {amount}。");
        AmountLimits.Check(amount, $"{where}的金额");
        FunctionalCode = functionalCode;
        EconomicCode = economicCode;
        Spending = spending;
        Source = source;
        Amount = amount;
        Project = TextLimits.Check(project, TextLimits.RowProject, $"{where}的项目名称");
        ProjectLeader = TextLimits.Check(projectLeader, TextLimits.ProjectLeader, $"{where}的项目负责人");
    }

    public int Id { get; private set; }
    public int DisclosureId { get; private set; }

    /// <summary>The line's place in the officer's list (kept as entered).</summary>
    public int Ordinal { get; internal set; }

    /// <summary>功能分类 项, 7 digits: 2013150.</summary>
    public string FunctionalCode { get; private set; }

    /// <summary>部门经济分类 款, 5 digits: 30101.</summary>
    public string EconomicCode { get; private set; }

    public LineSpending Spending { get; private set; }
    public MoneySource Source { get; private set; }

    /// <summary>万元, at most two decimals, more than zero.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The project's name (项目支出 only); its 项目支出绩效目标表 has the same name.</summary>
    public string? Project { get; private set; }

    /// <summary>项目负责人 (项目支出 only).</summary>
    public string? ProjectLeader { get; private set; }

    public bool IsBasic => Spending != LineSpending.Project;
    public MoneySourceInfo SourceInfo => MoneySources.Of(Source);

    public BudgetLine Copy() => new(FunctionalCode, EconomicCode, Spending, Source, Amount, Project, ProjectLeader) { Ordinal = Ordinal };

    public override string ToString() => $"{FunctionalCode} {EconomicCode} {Spending} {Project} {Source} {Amount}".Replace("  ", " ");
}

using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Lines;

/// <summary>What a line pays for: 基本支出 (人员经费 or 公用经费) or 项目支出.</summary>
public enum LineSpending { Personnel, Public, Project }

/// <summary>A field of a budget line, as the line sheet's columns and the form's fields name it.</summary>
public enum LineField { FunctionalCode, EconomicCode, Spending, Project, ProjectLeader, Source, Amount }

/// <summary>Why values cannot make a budget line, and the field to change (<see cref="BudgetLine.Refusals"/>).</summary>
public sealed record LineRefusal(LineField Field, string Reason);

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
        project = string.IsNullOrWhiteSpace(project) ? null : project.Trim();
        projectLeader = string.IsNullOrWhiteSpace(projectLeader) ? null : projectLeader.Trim();
        if (Refusals(functionalCode, economicCode, spending, source, amount, project, projectLeader) is [var first, ..])
            throw new DomainException($"{where}：{first.Reason}");
        FunctionalCode = functionalCode;
        EconomicCode = economicCode;
        Spending = spending;
        Source = source;
        Amount = amount;
        Project = project;
        ProjectLeader = projectLeader;
    }

    /// <summary>
    /// Every reason the values cannot make a line, each with the field it concerns (a rule between two
    /// fields names the one to change), in Chinese without the place; empty when they can. A null value
    /// was not given or not understood (the caller says so): the rules that need it are not applied, so
    /// a sheet can name every bad cell of a row at once. The constructor refuses with the first.
    /// </summary>
    public static IReadOnlyList<LineRefusal> Refusals(string? functionalCode, string? economicCode, LineSpending? spending,
        MoneySource? source, decimal? amount, string? project, string? projectLeader)
    {
        var refusals = new List<LineRefusal>();
        void Refuse(LineField field, string reason) => refusals.Add(new LineRefusal(field, reason));
        if (functionalCode is not null && (functionalCode.Length != 7 || !functionalCode.All(char.IsAsciiDigit)))
            Refuse(LineField.FunctionalCode, $"功能分类科目编码“{functionalCode}”无效，应为 7 位数字的“项”级科目（如 2013150）。");
        var economicValid = economicCode is { Length: 5 } && economicCode.All(char.IsAsciiDigit);
        if (economicCode is not null && !economicValid)
            Refuse(LineField.EconomicCode, $"经济分类科目编码“{economicCode}”无效，应为 5 位数字的“款”级科目（如 30101）。");
        if (spending is { } s && !Enum.IsDefined(s))
            Refuse(LineField.Spending, "支出类型无效，应为人员经费、公用经费或项目支出。");
        if (source is { } m && !Enum.IsDefined(m))
            Refuse(LineField.Source, "资金来源无效。");
        // 表6 reads 人员经费 as 301 + 303 and 公用经费 as 302 (rules F3, F4): a basic line's kind follows its economic 类.
        var economicClass = economicValid ? economicCode![..3] : null;
        if (spending == LineSpending.Personnel && economicClass is not (null or "301" or "303"))
            Refuse(LineField.EconomicCode, $"人员经费只能使用经济分类 301 工资福利支出或 303 对个人和家庭的补助的科目，“{economicCode}”不是。");
        if (spending == LineSpending.Public && economicClass is not (null or "302"))
            Refuse(LineField.EconomicCode, $"公用经费只能使用经济分类 302 商品和服务支出的科目，“{economicCode}”不是；其他支出请作为项目支出。");
        if (spending == LineSpending.Project && project is null)
            Refuse(LineField.Project, "项目支出必须填写项目名称。");
        if (spending is LineSpending.Personnel or LineSpending.Public && (project is not null || projectLeader is not null))
            Refuse(project is not null ? LineField.Project : LineField.ProjectLeader, "基本支出不填项目名称和项目负责人；属于项目的支出请选“项目支出”。");
        if (amount is <= 0m)
            Refuse(LineField.Amount, $"金额应大于 0（单位：万元），现为 {amount}。");
        else if (amount is { } a && AmountLimits.Refusal(a, a.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } refusal)
            Refuse(LineField.Amount, refusal);
        foreach (var (field, text, max, what) in new[]
                 {
                     (LineField.Project, project, TextLimits.RowProject, "项目名称"),
                     (LineField.ProjectLeader, projectLeader, TextLimits.ProjectLeader, "项目负责人"),
                 })
        {
            try { TextLimits.Check(text, max, what); }
            catch (DomainException e) { Refuse(field, e.Message); }
        }
        return refusals;
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

using System.Globalization;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Checks;

/// <summary>
/// Every consistency rule between the tables, the notes and the performance sheets of a disclosure
/// (domain spec §4 A1–L1, §5 weights and cost ceilings, and the soft rules), with stable ids.
/// docs/checks.md lists them. Run on any disclosure, draft or published.
/// </summary>
public static partial class ConsistencyChecks
{
    private const string Exact = "完全一致";
    private const string SumTolerance = "合计与 n 个分项之和相差不超过 0.01 × ⌈n/2⌉";
    private const string PercentTolerance = "与精确比例（四舍五入到两位小数）相差不超过 0.01 个百分点";

    public static readonly IReadOnlyList<CheckRule> Rules =
    [
        new("A1", Severity.Error, "表1 收入总计 = 支出总计", Exact, Identities("A1")),
        new("A2", Severity.Error, "表1 收入总计 = 本年收入 + 上年结转结余；各收入项 = 其中各项之和", SumTolerance, Identities("A2")),
        new("A3", Severity.Error, "表1 各类支出之和 = 支出总计", SumTolerance, Identities("A3")),
        new("A4", Severity.Error, "表1 各类支出 = 表2、表3 同类合计", Exact, A4),
        new("B1", Severity.Error, "表2 总计行 = 各类之和（每一列）", SumTolerance, Identities("B1")),
        new("B2", Severity.Error, "表2、表3、表5 类 = 所属款之和，款 = 所属项之和", SumTolerance, Identities("B2")),
        new("B3", Severity.Error, "表2 每行 总计 = 栏 2+9+10+11+12；财政拨款小计 = 栏 3…8 之和", SumTolerance, Identities("B3")),
        new("B4", Severity.Error, "表2 总计行各栏 = 表1 对应收入项", SumTolerance, B4),
        new("C1", Severity.Error, "表3 每行 合计 = 基本支出 + 项目支出", SumTolerance, Identities("C1")),
        new("C2", Severity.Error, "表3 总计 = 表1 支出总计 = 表2 总计；表3 各行合计 = 表2 同行总计", Exact, C2),
        new("C3", Severity.Error, "表3 总计行 = 各类之和（每一列）", SumTolerance, Identities("C3")),
        new("D1", Severity.Error, "表4 收入总计 = 支出总计 = 三本预算之和；财政拨款（补助）= 三本预算之和", SumTolerance, Identities("D1")),
        new("D2", Severity.Error, "表4 各类 合计 = 表2 同类财政拨款小计；一般公共预算、政府性基金预算、国有资本经营预算 = 表5、表8、表9 同类合计", Exact, D2),
        new("D3", Severity.Error, "表4 各类之和 = 总计（每一列）", SumTolerance, Identities("D3")),
        new("D4", Severity.Error, "表4 总计 = 表1 三项财政拨款之和 = 表2 财政拨款小计总计", SumTolerance, D4),
        new("E1", Severity.Error, "表5 每行 合计 = 基本 + 项目；表5 总计 = 表4 一般公共预算总计", SumTolerance, E1),
        new("E2", Severity.Error, "表5（及表8、表9 人员、公用经费）基本支出 ≤ 表3 基本支出，差额不超过表2 同行财政专户、单位资金和上年结转结余；没有这些资金时相等", Exact, E2),
        new("E3", Severity.Error, "表3 项目支出 − 表5、表8、表9 项目支出 = 表1 总计 − 表4 总计 − 非财政拨款基本支出（非财政拨款项目资金）", SumTolerance, E3),
        new("E4", Severity.Error, "表5 总计行 = 各类之和（每一列）", SumTolerance, Identities("E4")),
        new("F1", Severity.Error, "表5 基本支出总计 = 表6 总计", Exact, F1),
        new("F2", Severity.Error, "表6 每行 合计 = 人员经费 + 公用经费", SumTolerance, Identities("F2")),
        new("F3", Severity.Error, "表6 人员经费 = 301 + 303", SumTolerance, F3),
        new("F4", Severity.Error, "表6 公用经费 = 302", Exact, F4),
        new("F5", Severity.Error, "表6 各经济分类类 = 所属款之和（每一列）", SumTolerance, Identities("F5")),
        new("F6", Severity.Error, "表6 总计行 = 各类之和（每一列）", SumTolerance, Identities("F6")),
        new("F8", Severity.Warning, "功能分类缴费科目与经济分类对应（208 05 05 = 301 08 等）", Exact, F8),
        new("G1", Severity.Error, "表7 总计 = 表5 项目支出 = 各项目之和；每行合计 = 各经济分类栏之和；部门、类、款 = 所属项目之和（每一列）", SumTolerance, G1),
        new("G2", Severity.Error, "表8、表9 每行 合计 = 人员经费 + 公用经费 + 项目支出；类 = 所属款之和，款 = 所属项之和；总计行 = 各类之和", SumTolerance, Identities("G2")),
        new("H1", Severity.Error, "表10 合计 = 出国 + 接待 + 车辆小计；小计 = 购置 + 运行（每一列）；合计栏 = 各资金来源之和", SumTolerance, Identities("H1")),
        new("H2", Severity.Error, "表10 公务接待费、公务用车运行费不少于表6 基本支出中的 302 17、302 31", Exact, H2),
        new("H3", Severity.Warning, "项目资金安排了“三公”经费的，应反映在表10", Exact, H3),
        new("I1", Severity.Error, "表11 总计 = 表1 上年结转结余；财政/非财政拨款 = 表1、表2 对应数", Exact, I1),
        new("I2", Severity.Error, "表11 每行 合计 = 财政拨款 + 非财政拨款；小计 = 人员经费 + 公用经费 + 项目支出；总计行、部门行 = 各项目之和", SumTolerance, Identities("I2")),
        new("J1", Severity.Error, "说明一 收支总预算 = 表1 总计；收入、支出预算包括的项目 = 表1 非零收入来源和类", Exact, J1),
        new("J2", Severity.Error, "说明二 各收入金额 = 表1；占比 = 金额 ÷ 收入总计", PercentTolerance, J2),
        new("J3", Severity.Error, "说明二、三、五(一)、五(三)、十二(一) 增减率 = |增减额| ÷ 上年数", PercentTolerance, J3),
        new("J4", Severity.Error, "说明三 基本、项目支出 = 表3；占比 = 金额 ÷ 表3 总计", PercentTolerance, J4),
        new("J5", Severity.Error, "说明二与说明三推算的上年预算总额一致", SumTolerance, J5),
        new("J6", Severity.Error, "说明四 = 表4 总计和各类", Exact, J6),
        new("J7", Severity.Error, "说明五(一) = 表5；基本、项目增减额之和 = 说明二 一般公共预算增减额", SumTolerance, J7),
        new("J8", Severity.Error, "说明五(二) 各类 = 表5；占比 = 金额 ÷ 表5 总计；占比之和 = 100%", PercentTolerance, J8),
        new("J9", Severity.Error, "说明五(三) 各项 = 表5 同项合计；各项增减额之和 = 说明二 一般公共预算增减额", SumTolerance, J9),
        new("J10", Severity.Error, "说明六 = 表6 总计、人员经费、公用经费；所列项目 = 表6 款名称", Exact, J10),
        new("J11", Severity.Error, "说明七 各项目金额 = 表7；资金分配之和 = 预算安排规模", SumTolerance, J11),
        new("J12", Severity.Error, "说明十 各项金额 = 表10", Exact, J12),
        new("J13", Severity.Error, "说明十一 = 表11；财政拨款 + 非财政拨款 = 合计", SumTolerance, J13),
        new("J14", Severity.Error, "十二(一) 运行经费 = 表6 公用经费", Exact, J14),
        new("J15", Severity.Error, "十二(二) 政府采购预算 = 货物 + 工程 + 服务", SumTolerance, J15),
        new("J16", Severity.Error, "十二(三) 车辆数、价值 = 各类车辆之和", SumTolerance, J16),
        new("J17", Severity.Error, "十二(四) 整体绩效目标涉及金额 = 表1 总计", Exact, J17),
        new("J18", Severity.Error, "十二(四) 财政拨款项目金额 = 表5 项目支出", Exact, J18),
        new("J19", Severity.Warning, "十二(四) 非财政拨款项目金额 = 表3 项目支出 − 表5 项目支出（口径不一）", SumTolerance, J19),
        new("K1", Severity.Error, "部门整体绩效目标表 上级 + 本级 + 其他 = 表1 总计", SumTolerance, K1),
        new("K2", Severity.Warning, "部门整体绩效目标表 财政资金 = 表4 总计；其他资金 = 非财政拨款（口径不一）", SumTolerance, K2),
        new("K3", Severity.Error, "项目支出绩效目标表 年度预算总额 = 财政拨款 + 其他资金；财政拨款 = 表7 项目", SumTolerance, K3),
        new("K4", Severity.Warning, "项目支出绩效目标表 经济成本指标上限之和 = 项目预算", Exact, K4),
        new("L1", Severity.Error, "实有人数 = 在职 + 退休 + 离休", Exact, L1),
        new("W1", Severity.Error, "绩效目标表 分值权重之和不超过 100；同一指标不重复", Exact, W1),
        new("W2", Severity.Warning, "绩效目标表 分值权重之和为 90 或 100", Exact, W2),
        new("N1", Severity.Warning, "绩效目标表上的部门、单位和项目名称与编制部门、表7 一致", Exact, N1),
        new("N2", Severity.Warning, "增减额为 0.00 时，原因不应说增加或减少", Exact, N2),
        new("M1", Severity.Warning, "表2、表3、表5、表6、表7 的科目编码在本年度的分类目录中", Exact, NeedsCatalogs, M1),
        new("M2", Severity.Warning, "只在上一年度目录中的科目，本年金额应为 0", Exact, NeedsCatalogs, M2),
    ];

    /// <summary>
    /// The report a reader is shown: the checks frozen at publication for a published version (they
    /// never change with later rules), else the rules run now on the draft.
    /// </summary>
    public static CheckReport AsShown(Disclosure disclosure, YearCatalogs? catalogs = null) =>
        disclosure.FrozenChecks ?? Run(disclosure, catalogs);

    /// <summary>Runs every rule; the catalog rules (M1, M2) only when the year's catalogs are given.</summary>
    public static CheckReport Run(Disclosure disclosure, YearCatalogs? catalogs = null)
    {
        var results = new List<CheckResult>(512);
        foreach (var rule in Rules)
        {
            var log = new CheckLog(rule);
            try
            {
                if (rule.EvaluateWithCatalogs is { } withCatalogs)
                {
                    if (catalogs is not null) withCatalogs(disclosure, catalogs, log);
                }
                else
                    rule.Evaluate(disclosure, log);
            }
            catch (OverflowException)
            {
                // Only a draft stored before amounts were bounded (AmountLimits) can hold a figure whose
                // sums overflow: the rule fails, naming the figure, instead of the page failing.
                log = new CheckLog(rule);
                log.Expect(OutOfRange(disclosure) ?? rule.Id, false,
                    $"有金额超出上限 {AmountLimits.Maximum:#,0.00} 万元（{OutOfRange(disclosure) ?? "见各表"}），无法核验此项；请改正该金额后保存。");
            }
            results.AddRange(log.Results);
        }
        return new CheckReport(results);
    }

    public static CheckRule Rule(string id) => Rules.First(r => r.Id == id);

    /// <summary>The first stored amount outside <see cref="AmountLimits"/> (表2“201 …”行“财政拨款”列), or null.</summary>
    private static string? OutOfRange(Disclosure d) =>
        d.Tables.SelectMany(t => t.Rows.SelectMany(r => r.Cells.Where(c => AmountLimits.IsOutOfRange(c.Amount))
                .Select(c => $"表{t.Number}“{RowName(r)}”行“{Col(d, t.Number, c.Column)}”列")))
            .FirstOrDefault();

    // ---- names used in messages ----

    private static BudgetTable T(Disclosure d, int number) => d.Table((TableKind)number);

    private static NoteSection Note(Disclosure d, string key) => d.Note(key) ?? EmptyNote(key);

    private static NoteSection EmptyNote(string key) => new(key, "", []);

    private static string Col(Disclosure d, int table, string key) => d.Schema((TableKind)table).Column(key).Header;

    private static string Income(Disclosure d, int table, string key) =>
        d.Schema((TableKind)table).FixedRows.FirstOrDefault(f => f.Key == key)?.Label.TrimStart("其中：".ToCharArray()) ?? key;

    /// <summary>Every row is named the way the schema names it (表 kind does not change a code row's name).</summary>
    private static string RowName(TableRow row) => TableSchemas.For(TableKind.Expenditure, 2025).RowLabel(row);

    private static string CodeName(BudgetTable table, string code) =>
        table.ByCode(code) is { } row ? RowName(row) : ClassificationCode.Printed(code);

    private static string Section(string key) => "说明" + NoteKeys.Label(key);

    private static IEnumerable<string> Codes(params BudgetTable[] tables) =>
        tables.SelectMany(t => t.Rows.Where(r => r.Kind is RowKind.Category or RowKind.Class or RowKind.Item))
            .Select(r => r.Code!).Distinct();

    private static IEnumerable<string> CategoryCodes(params BudgetTable[] tables) =>
        tables.SelectMany(t => t.OfKind(RowKind.Category)).Select(r => r.Code!).Distinct();


    private static string Joined(IEnumerable<string> names) => string.Join("、", names);

    private static string NumberText(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The amounts of 资金分配情况: every “x 万元” of the text.</summary>
    private static IEnumerable<decimal> AllocatedAmounts(string? allocation) =>
        AmountInWan().Matches(allocation ?? "").Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)\s*万\s*元")]
    private static partial Regex AmountInWan();
}

using System.Globalization;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Tests.Seeds;

/// <summary>An arithmetic identity of docs/domain-spec.md §4 (or §5), evaluated on a loaded disclosure.</summary>
public sealed record Identity(string Id, string Statement, Action<Disclosure, CheckLog> Evaluate)
{
    public IReadOnlyList<IdentityCheck> Run(Disclosure disclosure)
    {
        var log = new CheckLog(Id);
        Evaluate(disclosure, log);
        return log.Checks;
    }
}

/// <summary>
/// The identities that hold between the tables, the notes and the performance sheets of a disclosure
/// (domain spec §4: A1–L1; §5: the weights). Each yields one check per subject it compares.
/// </summary>
public static partial class SeedIdentities
{
    public static readonly IReadOnlyList<Identity> All =
    [
        new("A1", "表1 收入总计 = 支出总计", A1),
        new("A2", "表1 收入总计 = 本年收入 + 上年结转结余, and each income line = Σ its parts", A2),
        new("A3", "表1 Σ类 = 支出总计", A3),
        new("A4", "表1 类 = 表2/表3 类 合计", A4),
        new("B1", "表2 总计 row = Σ类 rows", B1),
        new("B2", "类 = Σ款, 款 = Σ项 (表2/3/5)", B2),
        new("B3", "表2 col1 = col2+9+10+11+12; col2 = Σcol3..8 (every row)", B3),
        new("B4", "表2 总计 cols = 表1 income lines", B4),
        new("C1", "表3 合计 = 基本 + 项目 (every row)", C1),
        new("C2", "表3 total = 表1 total = 表2 total; 表3 row 合计 = 表2 row 总计", C2),
        new("C3", "表3 Σ类 = 总计 (every column)", C3),
        new("D1", "表4 收入总计 = 支出总计 = Σ three budgets; 财政拨款（补助）= Σ three budgets", D1),
        new("D2", "表4 类 rows = 表2 col2 by 类 = 表5 类 合计", D2),
        new("D3", "表4 Σ类 = total", D3),
        new("D4", "表4 total = 表1 (一般公共预算 + 政府性基金 + 国资 拨款) = 表2 col2 总计", D4),
        new("E1", "表5 合计 = 基本 + 项目; 表5 total = 表4 一般公共预算 total", E1),
        new("E2", "表5 basic = 表3 basic", E2),
        new("E3", "表3 项目 − 表5 项目 = 表1 total − 表4 total", E3),
        new("F1", "表5 基本 total = 表6 total", F1),
        new("F2", "表6 合计 = 人员经费 + 公用经费 (every row)", F2),
        new("F3", "表6 人员经费 = 301 + 303", F3),
        new("F4", "表6 公用经费 = 302", F4),
        new("F5", "表6 301 = Σ款", (d, log) => EconomicCategorySum(d, log, "301")),
        new("F6", "表6 302 = Σ款", (d, log) => EconomicCategorySum(d, log, "302")),
        new("F7", "表6 303 = Σ款", (d, log) => EconomicCategorySum(d, log, "303")),
        new("G1", "表7 总计 = 表5 项目 = Σ project rows = Σ economic cols", G1),
        new("H1", "表10 合计 = 出国 + 接待 + 车小计; 小计 = 购置 + 运行; 合计 col = Σ资金来源", H1),
        new("H2", "表10 公务接待费 = 表6 302 17; 公务用车运行费 = 表6 302 31", H2),
        new("I1", "表11 总计 = 表1 上年结转结余; 财政/非财政 = 表1 lines = 表2 col11/col12", I1),
        new("J1", "说明一 收支总预算 = 表1 total; 收入/支出预算包括 = non-zero sources / 类", J1),
        new("J2", "说明二 amounts = 表1 lines; 占 = round(x/total·100, 2)", J2),
        new("J3", "说明二/三/五(一)/五(三)/十二(一) change % = round(|Δ|/(cur − Δ)·100, 2)", J3),
        new("J4", "说明三 = 表3 basic/project, shares of 表3 total", J4),
        new("J6", "说明四 = 表4 total and 类 rows", J6),
        new("J7", "说明五(一) = 表5; Δ基本 + Δ项目 = 说明二 Δ一般公共预算", J7),
        new("J8", "说明五(二) 类 = 表5, share of 表5 total; shares sum to 100.00", J8),
        new("J10", "说明六 = 表6 (total, 人员, 公用); item lists = 表6 款 names in code order", J10),
        new("J11", "说明七 each project amount = 表7 row; Σ 资金分配情况 = 预算安排规模", J11),
        new("J12", "说明十 figures = 表10", J12),
        new("J13", "说明十一 = 表11; 财政拨款 + 非财政拨款 = total", J13),
        new("J14", "十二(一) 运行经费 = 表6 公用经费", J14),
        new("J15", "十二(二) 采购 = 货物 + 工程 + 服务", J15),
        new("J16", "十二(三) 车辆 n, value = Σ(一般公务用车, 执法执勤, 其他)", J16),
        new("J17", "十二(四) 整体金额 = 表1 total", J17),
        new("J18", "十二(四) 财政拨款项目金额 = 表5 项目", J18),
        new("J19", "十二(四) 非财政拨款项目金额 = 表3 项目 − 表5 项目", J19),
        new("K1", "整体表 上级 + 本级 + 其他 = 表1 total", K1),
        new("K2", "整体表 财政资金 = 表4 total; 其他 = non-fiscal", K2),
        new("K3", "项目表 年度预算总额 = 财政拨款 + 其他资金; 财政拨款 = 表7 row", K3),
        new("L1", "实有人数 = 在职 + 退休 + 离休", L1),
        new("W1", "every performance sheet's weights sum to 90 (§5)", W1),
    ];

    public static IReadOnlyList<IdentityCheck> Evaluate(Disclosure disclosure) =>
        All.SelectMany(identity => identity.Run(disclosure)).ToList();

    /// <summary>The seven income sources of 表1 (and 说明二), with the names 说明一 lists them by.</summary>
    private static readonly (string Key, string Name)[] IncomeSources =
    [
        ("generalBudget", "一般公共预算"), ("govFund", "政府性基金预算"), ("stateCapital", "国有资本经营预算"),
        ("specialAccount", "财政专户管理资金"), ("unitFunds", "单位资金"), ("fiscalCarryover", "财政拨款结转"),
        ("nonFiscalCarryover", "非财政拨款结转结余"),
    ];

    private static readonly string[] FunctionalTables = ["2", "3", "5"];

    private static readonly string[] Table7EconomicColumns =
    [
        "wages", "goodsServices", "householdSubsidies", "debtInterest", "capitalConstruction", "capital",
        "enterpriseConstruction", "enterprise", "socialSecurityFund", "other",
    ];

    // ---- 表1 ----

    private static void A1(Disclosure d, CheckLog log) =>
        log.Same("收入总计 = 支出总计", T(d, 1).TotalOf("income"), T(d, 1).TotalOf("expenditure"));

    private static void A2(Disclosure d, CheckLog log)
    {
        var t1 = T(d, 1);
        decimal I(string key) => t1.FixedOf(key, "income");
        log.Sum("收入总计 = 本年收入 + 上年结转结余", t1.TotalOf("income"), I("currentYear"), I("carryover"));
        log.Sum("本年收入 = 1..5", I("currentYear"),
            I("generalBudget"), I("govFund"), I("stateCapital"), I("specialAccount"), I("unitFunds"));
        log.Sum("一般公共预算拨款 = 一般财力 + 上级转移支付", I("generalBudget"), I("generalBudgetOwn"), I("generalBudgetTransfer"));
        log.Sum("政府性基金预算拨款 = 基金收入 + 上级转移支付", I("govFund"), I("govFundOwn"), I("govFundTransfer"));
        log.Sum("国有资本经营预算拨款 = 经营收入 + 上级转移支付", I("stateCapital"), I("stateCapitalOwn"), I("stateCapitalTransfer"));
        log.Sum("单位资金 = Σ其中", I("unitFunds"), I("unitFundsOperations"), I("unitFundsSuperior"),
            I("unitFundsSubordinate"), I("unitFundsBusiness"), I("unitFundsOther"));
        log.Sum("上年结转结余 = 财政拨款结转 + 非财政拨款结转结余", I("carryover"), I("fiscalCarryover"), I("nonFiscalCarryover"));
        log.Sum("财政拨款结转 = Σ其中", I("fiscalCarryover"), I("fiscalCarryoverGeneralBudget"),
            I("fiscalCarryoverGovFund"), I("fiscalCarryoverStateCapital"));
        log.Sum("非财政拨款结转结余 = Σ其中", I("nonFiscalCarryover"), I("nonFiscalCarryoverSpecialAccount"),
            I("nonFiscalCarryoverUnitFunds"));
    }

    private static void A3(Disclosure d, CheckLog log) =>
        log.Sum("表1 Σ类 = 支出总计", T(d, 1).TotalOf("expenditure"),
            T(d, 1).OfKind(RowKind.Category).Select(r => r.Amount("expenditure")));

    private static void A4(Disclosure d, CheckLog log)
    {
        foreach (var code in CategoryCodes(T(d, 1), T(d, 2), T(d, 3)))
        {
            log.Same($"表1 {code} = 表2 {code}", T(d, 1).CellOf(code, "expenditure"), T(d, 2).CellOf(code, "total"));
            log.Same($"表1 {code} = 表3 {code}", T(d, 1).CellOf(code, "expenditure"), T(d, 3).CellOf(code, "total"));
        }
    }

    // ---- 表2 ----

    private static void B1(Disclosure d, CheckLog log)
    {
        var t2 = T(d, 2);
        foreach (var column in d.Schema(TableKind.Income).Columns)
            log.Sum($"表2 总计 [{column.Key}]", t2.TotalOf(column.Key),
                t2.OfKind(RowKind.Category).Select(r => r.Amount(column.Key)));
    }

    private static void B2(Disclosure d, CheckLog log)
    {
        foreach (var number in FunctionalTables)
        {
            var table = T(d, int.Parse(number, CultureInfo.InvariantCulture));
            foreach (var parent in table.Rows.Where(r => r.Kind is RowKind.Category or RowKind.Class))
            {
                var children = Children(table, parent).ToList();
                if (children.Count == 0) continue;
                foreach (var column in d.Schema(table.Kind).Columns)
                    log.Sum($"表{number} {parent.Code} = Σ{(parent.Kind == RowKind.Category ? "款" : "项")} [{column.Key}]",
                        parent.Amount(column.Key), children.Select(c => c.Amount(column.Key)));
            }
        }
    }

    private static void B3(Disclosure d, CheckLog log)
    {
        foreach (var row in T(d, 2).Rows)
        {
            var name = row.Code ?? "总计";
            log.Sum($"表2 {name} 总计 = 2+9+10+11+12", row.Amount("total"), row.Amount("fiscal"),
                row.Amount("specialAccount"), row.Amount("unitFunds"), row.Amount("fiscalCarryover"),
                row.Amount("nonFiscalCarryover"));
            log.Sum($"表2 {name} 财政拨款小计 = Σ3..8", row.Amount("fiscal"), row.Amount("generalBudget"),
                row.Amount("generalBudgetTransfer"), row.Amount("govFund"), row.Amount("govFundTransfer"),
                row.Amount("stateCapital"), row.Amount("stateCapitalTransfer"));
        }
    }

    private static void B4(Disclosure d, CheckLog log)
    {
        var (t1, t2) = (T(d, 1), T(d, 2));
        decimal I(string key) => t1.FixedOf(key, "income");
        log.Sum("表1 一般公共预算拨款 = 表2 col3 + col4", I("generalBudget"),
            t2.TotalOf("generalBudget"), t2.TotalOf("generalBudgetTransfer"));
        log.Sum("表1 政府性基金预算拨款 = 表2 col5 + col6", I("govFund"), t2.TotalOf("govFund"), t2.TotalOf("govFundTransfer"));
        log.Sum("表1 国有资本经营预算拨款 = 表2 col7 + col8", I("stateCapital"),
            t2.TotalOf("stateCapital"), t2.TotalOf("stateCapitalTransfer"));
        log.Same("表1 财政专户核拨 = 表2 col9", I("specialAccount"), t2.TotalOf("specialAccount"));
        log.Same("表1 单位资金 = 表2 col10", I("unitFunds"), t2.TotalOf("unitFunds"));
        log.Same("表1 财政拨款结转 = 表2 col11", I("fiscalCarryover"), t2.TotalOf("fiscalCarryover"));
        log.Same("表1 非财政拨款结转结余 = 表2 col12", I("nonFiscalCarryover"), t2.TotalOf("nonFiscalCarryover"));
    }

    // ---- 表3 ----

    private static void C1(Disclosure d, CheckLog log)
    {
        foreach (var row in T(d, 3).Rows)
            log.Sum($"表3 {row.Code ?? "总计"} 合计 = 基本 + 项目", row.Amount("total"), row.Amount("basic"), row.Amount("project"));
    }

    private static void C2(Disclosure d, CheckLog log)
    {
        var (t1, t2, t3) = (T(d, 1), T(d, 2), T(d, 3));
        log.Same("表3 总计 = 表1 支出总计", t3.TotalOf("total"), t1.TotalOf("expenditure"));
        log.Same("表3 总计 = 表2 总计", t3.TotalOf("total"), t2.TotalOf("total"));
        foreach (var code in Codes(t2, t3))
            log.Same($"表3 {code} = 表2 {code}", t3.CellOf(code, "total"), t2.CellOf(code, "total"));
    }

    private static void C3(Disclosure d, CheckLog log)
    {
        var t3 = T(d, 3);
        foreach (var column in d.Schema(TableKind.Expenditure).Columns)
            log.Sum($"表3 总计 [{column.Key}]", t3.TotalOf(column.Key),
                t3.OfKind(RowKind.Category).Select(r => r.Amount(column.Key)));
    }

    // ---- 表4 ----

    private static void D1(Disclosure d, CheckLog log)
    {
        var t4 = T(d, 4);
        log.Same("表4 收入总计 = 支出总计", t4.TotalOf("income"), t4.TotalOf("total"));
        log.Sum("表4 支出总计 = 一般公共预算 + 政府性基金 + 国有资本经营", t4.TotalOf("total"),
            t4.TotalOf("generalBudget"), t4.TotalOf("govFund"), t4.TotalOf("stateCapital"));
        log.Sum("表4 财政拨款（补助）= 一般公共预算 + 政府性基金 + 国有资本经营", t4.FixedOf("fiscal", "income"),
            t4.FixedOf("generalBudget", "income"), t4.FixedOf("govFund", "income"), t4.FixedOf("stateCapital", "income"));
        log.Same("表4 收入总计 = 财政拨款（补助）", t4.TotalOf("income"), t4.FixedOf("fiscal", "income"));
    }

    private static void D2(Disclosure d, CheckLog log)
    {
        var (t2, t4, t5) = (T(d, 2), T(d, 4), T(d, 5));
        foreach (var code in CategoryCodes(t4, t2, t5))
        {
            var row = t4.ByCode(code);
            log.Sum($"表4 {code} 合计 = Σ三本预算", row?.Amount("total") ?? 0m,
                row?.Amount("generalBudget") ?? 0m, row?.Amount("govFund") ?? 0m, row?.Amount("stateCapital") ?? 0m);
            log.Same($"表4 {code} = 表2 {code} 财政拨款小计", t4.CellOf(code, "total"), t2.CellOf(code, "fiscal"));
            log.Same($"表4 {code} = 表5 {code}", t4.CellOf(code, "total"), t5.CellOf(code, "total"));
        }
    }

    private static void D3(Disclosure d, CheckLog log)
    {
        var t4 = T(d, 4);
        foreach (var column in new[] { "total", "generalBudget", "govFund", "stateCapital" })
            log.Sum($"表4 Σ类 = 总计 [{column}]", t4.TotalOf(column),
                t4.OfKind(RowKind.Category).Select(r => r.Amount(column)));
    }

    private static void D4(Disclosure d, CheckLog log)
    {
        var (t1, t2, t4) = (T(d, 1), T(d, 2), T(d, 4));
        log.Sum("表4 总计 = 表1 三项财政拨款", t4.TotalOf("total"), t1.FixedOf("generalBudget", "income"),
            t1.FixedOf("govFund", "income"), t1.FixedOf("stateCapital", "income"));
        log.Same("表4 总计 = 表2 财政拨款小计 总计", t4.TotalOf("total"), t2.TotalOf("fiscal"));
    }

    // ---- 表5 ----

    private static void E1(Disclosure d, CheckLog log)
    {
        foreach (var row in T(d, 5).Rows)
            log.Sum($"表5 {row.Code ?? "总计"} 合计 = 基本 + 项目", row.Amount("total"), row.Amount("basic"), row.Amount("project"));
        log.Same("表5 总计 = 表4 一般公共预算 总计", T(d, 5).TotalOf("total"), T(d, 4).TotalOf("generalBudget"));
    }

    private static void E2(Disclosure d, CheckLog log)
    {
        var (t3, t5) = (T(d, 3), T(d, 5));
        log.Same("表5 总计 基本 = 表3 总计 基本", t5.TotalOf("basic"), t3.TotalOf("basic"));
        foreach (var code in Codes(t3, t5))
            log.Same($"表5 {code} 基本 = 表3 {code} 基本", t5.CellOf(code, "basic"), t3.CellOf(code, "basic"));
    }

    private static void E3(Disclosure d, CheckLog log) =>
        log.Sum("表3 项目 − 表5 项目 = 表1 总计 − 表4 总计", T(d, 1).TotalOf("expenditure") - T(d, 4).TotalOf("total"),
            T(d, 3).TotalOf("project"), -T(d, 5).TotalOf("project"));

    // ---- 表6 ----

    private static void F1(Disclosure d, CheckLog log) =>
        log.Same("表5 基本 总计 = 表6 总计", T(d, 5).TotalOf("basic"), T(d, 6).TotalOf("total"));

    private static void F2(Disclosure d, CheckLog log)
    {
        foreach (var row in T(d, 6).Rows)
            log.Sum($"表6 {row.Code ?? "总计"} 合计 = 人员 + 公用", row.Amount("total"), row.Amount("personnel"), row.Amount("public"));
    }

    private static void F3(Disclosure d, CheckLog log) =>
        log.Sum("表6 人员经费 = 301 + 303", T(d, 6).TotalOf("personnel"), T(d, 6).CellOf("301", "total"), T(d, 6).CellOf("303", "total"));

    private static void F4(Disclosure d, CheckLog log) =>
        log.Same("表6 公用经费 = 302", T(d, 6).TotalOf("public"), T(d, 6).CellOf("302", "total"));

    private static void EconomicCategorySum(Disclosure d, CheckLog log, string code)
    {
        var t6 = T(d, 6);
        if (t6.ByCode(code) is not { } category)
        {
            log.NotApplicable($"表6 {code}");
            return;
        }
        log.Sum($"表6 {code} = Σ款", category.Amount("total"), Children(t6, category).Select(r => r.Amount("total")));
    }

    // ---- 表7, 表10, 表11 ----

    private static void G1(Disclosure d, CheckLog log)
    {
        var t7 = T(d, 7);
        log.Same("表7 总计 = 表5 项目", t7.TotalOf("total"), T(d, 5).TotalOf("project"));
        log.Sum("表7 总计 = Σ项目行", t7.TotalOf("total"), t7.OfKind(RowKind.Project).Select(r => r.Amount("total")));
        foreach (var row in t7.Rows)
            log.Sum($"表7 {Describe(row)} 合计 = Σ经济分类", row.Amount("total"), Table7EconomicColumns.Select(row.Amount));
    }

    private static void H1(Disclosure d, CheckLog log)
    {
        var t10 = T(d, 10);
        decimal F(string key, string column = "total") => t10.FixedOf(key, column);
        log.Sum("表10 合计 = 出国 + 接待 + 车小计", F("total"), F("overseas"), F("reception"), F("vehicles"));
        log.Sum("表10 车小计 = 购置 + 运行", F("vehicles"), F("vehiclePurchase"), F("vehicleOperation"));
        foreach (var row in d.Schema(TableKind.ThreePublicExpenses).FixedRows)
            log.Sum($"表10 {row.Key} 合计 = Σ资金来源", F(row.Key), F(row.Key, "generalBudget"), F(row.Key, "govFund"),
                F(row.Key, "stateCapital"));
    }

    private static void H2(Disclosure d, CheckLog log)
    {
        log.Same("表10 公务接待费 = 表6 30217", T(d, 10).FixedOf("reception", "total"), T(d, 6).CellOf("30217", "total"));
        log.Same("表10 公务用车运行费 = 表6 30231", T(d, 10).FixedOf("vehicleOperation", "total"), T(d, 6).CellOf("30231", "total"));
    }

    private static void I1(Disclosure d, CheckLog log)
    {
        var (t1, t2, t11) = (T(d, 1), T(d, 2), T(d, 11));
        log.Same("表11 总计 = 表1 上年结转结余", t11.TotalOf("total"), t1.FixedOf("carryover", "income"));
        log.Same("表11 财政拨款 = 表1 财政拨款结转", t11.TotalOf("fiscal"), t1.FixedOf("fiscalCarryover", "income"));
        log.Same("表11 财政拨款 = 表2 col11", t11.TotalOf("fiscal"), t2.TotalOf("fiscalCarryover"));
        log.Same("表11 非财政拨款 = 表1 非财政拨款结转结余", t11.TotalOf("nonFiscal"), t1.FixedOf("nonFiscalCarryover", "income"));
        log.Same("表11 非财政拨款 = 表2 col12", t11.TotalOf("nonFiscal"), t2.TotalOf("nonFiscalCarryover"));
    }

    // ---- 第三部分 情况说明 ----

    private static void J1(Disclosure d, CheckLog log)
    {
        var (note, t1) = (Note(d, "1"), T(d, 1));
        log.Same("说明一 收支总预算 = 表1 总计", note.Number("total") ?? 0m, t1.TotalOf("expenditure"));
        log.SameText("说明一 收入预算包括", Joined(note.List("incomeSources")),
            Joined(IncomeSources.Where(s => t1.FixedOf(s.Key, "income") != 0m).Select(s => s.Name)));
        log.SameText("说明一 支出预算包括", Joined(note.List("expenditureCategories")),
            Joined(t1.OfKind(RowKind.Category).Where(r => r.Amount("expenditure") != 0m).Select(r => r.Name ?? "")));
    }

    private static void J2(Disclosure d, CheckLog log)
    {
        var (note, t1) = (Note(d, "2"), T(d, 1));
        var total = t1.TotalOf("income");
        log.Same("说明二 收入预算 = 表1 收入总计", note.Number("total") ?? 0m, total);
        foreach (var key in IncomeSources.Select(s => s.Key).Union(note.Lines.Select(l => l.Key)))
            log.Same($"说明二 {key} = 表1", note.Line(key)?.Amount ?? 0m, t1.FixedOf(key, "income"));
        foreach (var line in note.Lines.Where(l => l.Share is not null))
            log.Percent($"说明二 {line.Key} 占", line.Share!.Value, Ratio(line.Amount ?? 0m, total));
    }

    private static void J3(Disclosure d, CheckLog log)
    {
        foreach (var key in new[] { "2", "3", "5.1", "5.3", "12.1" })
        foreach (var line in Note(d, key).Lines)
        {
            if (line is not { Amount: { } amount, Change: { } change, ChangePercent: { } printed }) continue;
            var prior = amount - change;
            var exact = prior == 0m ? (amount == 0m ? 0m : 100m) : Math.Abs(change) / prior * 100m;
            log.Percent($"{NoteKeys.Label(key)} {line.Key} 增减率", printed, exact);
        }
    }

    private static void J4(Disclosure d, CheckLog log)
    {
        var (note, t3) = (Note(d, "3"), T(d, 3));
        var total = t3.TotalOf("total");
        log.Same("说明三 支出预算 = 表3 总计", note.Number("total") ?? 0m, total);
        foreach (var key in new[] { "basic", "project" })
        {
            var line = note.Line(key);
            log.Same($"说明三 {key} = 表3", line?.Amount ?? 0m, t3.TotalOf(key));
            log.Percent($"说明三 {key} 占", line?.Share ?? 0m, Ratio(t3.TotalOf(key), total));
        }
    }

    private static void J6(Disclosure d, CheckLog log)
    {
        var (note, t4) = (Note(d, "4"), T(d, 4));
        log.Same("说明四 财政拨款收支总预算 = 表4 总计", note.Number("total") ?? 0m, t4.TotalOf("total"));
        log.Same("说明四 一般公共预算拨款 = 表4 一般公共预算", note.Number("generalBudgetIncome") ?? 0m,
            t4.FixedOf("generalBudget", "income"));
        foreach (var code in t4.OfKind(RowKind.Category).Select(r => r.Code!).Union(note.Lines.Select(l => l.Key)))
            log.Same($"说明四 {code} = 表4 {code}", note.Line(code)?.Amount ?? 0m, t4.CellOf(code, "total"));
    }

    private static void J7(Disclosure d, CheckLog log)
    {
        var (note, t5) = (Note(d, "5.1"), T(d, 5));
        log.Same("五(一) 一般公共预算拨款合计 = 表5 总计", note.Number("total") ?? 0m, t5.TotalOf("total"));
        log.Same("五(一) 基本支出 = 表5", note.Line("basic")?.Amount ?? 0m, t5.TotalOf("basic"));
        log.Same("五(一) 项目支出 = 表5", note.Line("project")?.Amount ?? 0m, t5.TotalOf("project"));
        log.Sum("五(一) Δ基本 + Δ项目 = 说明二 Δ一般公共预算", Note(d, "2").Line("generalBudget")?.Change ?? 0m,
            note.Line("basic")?.Change ?? 0m, note.Line("project")?.Change ?? 0m);
    }

    private static void J8(Disclosure d, CheckLog log)
    {
        var (note, t5) = (Note(d, "5.2"), T(d, 5));
        var total = t5.TotalOf("total");
        foreach (var code in t5.OfKind(RowKind.Category).Select(r => r.Code!).Union(note.Lines.Select(l => l.Key)))
        {
            var line = note.Line(code);
            log.Same($"五(二) {code} = 表5 {code}", line?.Amount ?? 0m, t5.CellOf(code, "total"));
            log.Percent($"五(二) {code} 占", line?.Share ?? 0m, Ratio(t5.CellOf(code, "total"), total));
        }
        log.PercentSum("五(二) Σ占 = 100.00", 100m, note.Lines.Select(l => l.Share ?? 0m));
    }

    private static void J10(Disclosure d, CheckLog log)
    {
        var (note, t6) = (Note(d, "6"), T(d, 6));
        log.Same("说明六 基本支出 = 表6 总计", note.Number("total") ?? 0m, t6.TotalOf("total"));
        log.Same("说明六 人员经费 = 表6", note.Number("personnel") ?? 0m, t6.TotalOf("personnel"));
        log.Same("说明六 公用经费 = 表6", note.Number("public") ?? 0m, t6.TotalOf("public"));
        string ClassNames(params string[] categories) => Joined(t6.OfKind(RowKind.EconomicClass)
            .Where(r => categories.Contains(r.Code![..3])).OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => r.Name ?? ""));
        log.SameText("说明六 人员经费主要包括 = 表6 301/303 款", Joined(note.List("personnelItems")), ClassNames("301", "303"));
        log.SameText("说明六 公用经费主要包括 = 表6 302 款", Joined(note.List("publicItems")), ClassNames("302"));
    }

    private static void J11(Disclosure d, CheckLog log)
    {
        var projects = T(d, 7).OfKind(RowKind.Project).ToList();
        var lines = Note(d, "7").Lines;
        log.Same("说明七 项目数 = 表7 项目行数", lines.Count, projects.Count);
        foreach (var (line, row) in lines.Zip(projects))
        {
            log.SameText($"说明七 {line.Key} 项目名称 = 表7", line.Label ?? "", row.Project ?? "");
            log.Same($"说明七 {line.Key} 预算安排规模 = 表7", line.Amount ?? 0m, row.Amount("total"));
            log.Sum($"说明七 {line.Key} 预算安排规模 = Σ资金分配", line.Amount ?? 0m, AllocatedAmounts(line.Allocation));
        }
    }

    private static void J12(Disclosure d, CheckLog log)
    {
        var note = Note(d, "10");
        foreach (var key in new[] { "total", "overseas", "vehiclePurchase", "vehicleOperation", "reception" })
            log.Same($"说明十 {key} = 表10", note.Line(key)?.Amount ?? 0m, T(d, 10).FixedOf(key, "total"));
    }

    private static void J13(Disclosure d, CheckLog log)
    {
        var (note, t11) = (Note(d, "11"), T(d, 11));
        if (t11.IsEmpty)
        {
            log.SameText("说明十一 = 表11 空表说明", string.Join("", note.Paragraphs), t11.EmptyText ?? "");
            log.Same("说明十一 项目数 = 0", note.Lines.Count, 0);
            return;
        }
        log.Same("说明十一 上年结转结余 = 表11 总计", note.Number("total") ?? 0m, t11.TotalOf("total"));
        log.Same("说明十一 财政拨款 = 表11", note.Number("fiscal") ?? 0m, t11.TotalOf("fiscal"));
        log.Same("说明十一 非财政拨款 = 表11", note.Number("nonFiscal") ?? 0m, t11.TotalOf("nonFiscal"));
        log.Sum("说明十一 财政拨款 + 非财政拨款 = 总计", note.Number("total") ?? 0m,
            note.Number("fiscal") ?? 0m, note.Number("nonFiscal") ?? 0m);
        var projects = t11.OfKind(RowKind.Project).ToList();
        log.Same("说明十一 项目数 = 表11 项目行数", note.Lines.Count, projects.Count);
        foreach (var (line, row) in note.Lines.Zip(projects))
        {
            log.SameText($"说明十一 {line.Key} 项目 = 表11", line.Label ?? "", row.Project ?? "");
            log.Same($"说明十一 {line.Key} = 表11", line.Amount ?? 0m, row.Amount("total"));
        }
    }

    private static void J14(Disclosure d, CheckLog log) =>
        log.Same("十二(一) 运行经费 = 表6 公用经费", Note(d, "12.1").Line("operating")?.Amount ?? 0m, T(d, 6).TotalOf("public"));

    private static void J15(Disclosure d, CheckLog log)
    {
        var note = Note(d, "12.2");
        log.Sum("十二(二) 采购 = 货物 + 工程 + 服务", note.Number("total") ?? 0m,
            note.Number("goods") ?? 0m, note.Number("works") ?? 0m, note.Number("services") ?? 0m);
    }

    private static void J16(Disclosure d, CheckLog log)
    {
        var note = Note(d, "12.3");
        decimal N(string key) => note.Number(key) ?? 0m;
        log.Same("十二(三) 车辆数 = Σ三类车辆", N("vehicles"),
            N("generalVehicles") + N("enforcementVehicles") + N("otherVehicles"));
        log.Sum("十二(三) 车辆价值 = Σ三类车辆", N("vehiclesValue"),
            N("generalVehiclesValue"), N("enforcementVehiclesValue"), N("otherVehiclesValue"));
    }

    private static void J17(Disclosure d, CheckLog log) =>
        log.Same("十二(四) 整体金额 = 表1 总计", Note(d, "12.4").Number("overallAmount") ?? 0m, T(d, 1).TotalOf("expenditure"));

    private static void J18(Disclosure d, CheckLog log) =>
        log.Same("十二(四) 财政拨款项目金额 = 表5 项目", Note(d, "12.4").Number("fiscalProjectAmount") ?? 0m,
            T(d, 5).TotalOf("project"));

    private static void J19(Disclosure d, CheckLog log) =>
        log.Sum("十二(四) 非财政拨款项目金额 = 表3 项目 − 表5 项目", Note(d, "12.4").Number("nonFiscalProjectAmount") ?? 0m,
            T(d, 3).TotalOf("project"), -T(d, 5).TotalOf("project"));

    // ---- 绩效目标表, 部门概况 ----

    private static void K1(Disclosure d, CheckLog log)
    {
        var sheet = d.DepartmentSheet;
        log.Sum("整体表 上级 + 本级 + 其他 = 表1 总计", T(d, 1).TotalOf("expenditure"),
            sheet?.FundsSuperior ?? 0m, sheet?.FundsLocal ?? 0m, sheet?.FundsOther ?? 0m);
    }

    private static void K2(Disclosure d, CheckLog log)
    {
        var sheet = d.DepartmentSheet;
        log.Sum("整体表 财政资金 = 表4 总计", T(d, 4).TotalOf("total"), sheet?.FundsSuperior ?? 0m, sheet?.FundsLocal ?? 0m);
        log.Sum("整体表 其他资金 = 表1 总计 − 表4 总计", sheet?.FundsOther ?? 0m,
            T(d, 1).TotalOf("expenditure"), -T(d, 4).TotalOf("total"));
    }

    private static void K3(Disclosure d, CheckLog log)
    {
        var sheets = d.ProjectSheets.ToList();
        var projects = T(d, 7).OfKind(RowKind.Project).ToList();
        log.Same("项目表数 = 表7 项目行数", sheets.Count, projects.Count);
        foreach (var (sheet, row) in sheets.Zip(projects))
        {
            log.Sum($"项目表 {sheet.Name} 年度预算总额 = 财政拨款 + 其他资金", sheet.FundsTotal ?? 0m,
                sheet.FundsFiscal ?? 0m, sheet.FundsOther ?? 0m);
            log.Same($"项目表 {sheet.Name} 财政拨款 = 表7 {row.Project}", sheet.FundsFiscal ?? 0m, row.Amount("total"));
        }
    }

    private static void L1(Disclosure d, CheckLog log)
    {
        var staff = d.Overview.Staff;
        log.Same("实有人数 = 在职 + 退休 + 离休", staff.Actual, staff.Active + staff.Retired + staff.Honorary);
    }

    private static void W1(Disclosure d, CheckLog log)
    {
        foreach (var sheet in d.PerformanceSheets)
            log.Same(sheet.Kind == SheetKind.Department ? sheet.Title : $"{sheet.Title} {sheet.Name}", sheet.WeightSum, 90m);
    }

    // ---- helpers ----

    private static BudgetTable T(Disclosure d, int number) => d.Table((TableKind)number);

    private static NoteSection Note(Disclosure d, string key) => d.Note(key) ?? new NoteSection(key, "", []);

    private static decimal TotalOf(this BudgetTable table, string column) => table.Total?.Amount(column) ?? 0m;

    private static decimal FixedOf(this BudgetTable table, string key, string column) =>
        table.Fixed(key)?.Amount(column) ?? 0m;

    private static decimal CellOf(this BudgetTable table, string code, string column) =>
        table.ByCode(code)?.Amount(column) ?? 0m;

    /// <summary>The 款 of a 类 or the 项 of a 款 (functional or economic), in printed order.</summary>
    private static IEnumerable<TableRow> Children(BudgetTable table, TableRow parent) =>
        table.Rows.Where(r => r.Kind is not RowKind.Project && r.Code is { } code && parent.Code is { } p
                              && code.Length == p.Length + 2 && code.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The 类/款/项 codes of any of the tables (so a row missing from one of them is compared with zero).</summary>
    private static IEnumerable<string> Codes(params BudgetTable[] tables) =>
        tables.SelectMany(t => t.Rows.Where(r => r.Kind is RowKind.Category or RowKind.Class or RowKind.Item))
            .Select(r => r.Code!).Distinct();

    private static IEnumerable<string> CategoryCodes(params BudgetTable[] tables) =>
        tables.SelectMany(t => t.OfKind(RowKind.Category)).Select(r => r.Code!).Distinct();

    private static decimal Ratio(decimal part, decimal whole) => whole == 0m ? 0m : part / whole * 100m;

    private static string Joined(IEnumerable<string> names) => string.Join("、", names);

    private static string Describe(TableRow row) => row.Kind switch
    {
        RowKind.Total => "总计",
        RowKind.Department => "部门行",
        RowKind.Project => $"{row.Code} {row.Project}",
        _ => row.Code ?? row.Kind.ToString(),
    };

    /// <summary>The amounts of 资金分配情况: every "x 万元" of the text.</summary>
    private static IEnumerable<decimal> AllocatedAmounts(string? allocation) =>
        AmountInWan().Matches(allocation ?? "").Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)\s*万元")]
    private static partial Regex AmountInWan();
}

using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Checks;

// The identities between the tables (domain spec §4, A–I); a table's own identities are its schema's (IdentityRules).
public static partial class ConsistencyChecks
{
    private static void A4(Disclosure d, CheckLog log)
    {
        foreach (var code in CategoryCodes(T(d, 1), T(d, 2), T(d, 3)))
        {
            var name = CodeName(T(d, 1), code);
            log.Same($"表1 {name}", $"表1 {name}", T(d, 1).CellOf(code, ColumnKeys.Expenditure), "表2 同类总计", T(d, 2).CellOf(code, ColumnKeys.Total));
            log.Same($"表1 {name}", $"表1 {name}", T(d, 1).CellOf(code, ColumnKeys.Expenditure), "表3 同类合计", T(d, 3).CellOf(code, ColumnKeys.Total));
        }
    }

    private static void B4(Disclosure d, CheckLog log)
    {
        var (t1, t2) = (T(d, 1), T(d, 2));
        decimal I(string key) => t1.FixedOf(key, ColumnKeys.Income);
        log.Sum("表1/表2", "表1 一般公共预算拨款", I("generalBudget"), "表2 总计 栏 3 + 栏 4",
            t2.TotalOf(ColumnKeys.GeneralBudget), t2.TotalOf(ColumnKeys.GeneralBudgetTransfer));
        log.Sum("表1/表2", "表1 政府性基金预算拨款", I("govFund"), "表2 总计 栏 5 + 栏 6", t2.TotalOf(ColumnKeys.GovFund), t2.TotalOf(ColumnKeys.GovFundTransfer));
        log.Sum("表1/表2", "表1 国有资本经营预算拨款", I("stateCapital"), "表2 总计 栏 7 + 栏 8",
            t2.TotalOf(ColumnKeys.StateCapital), t2.TotalOf(ColumnKeys.StateCapitalTransfer));
        log.Same("表1/表2", "表1 财政专户核拨", I("specialAccount"), "表2 总计 财政专户（教育收费）", t2.TotalOf(ColumnKeys.SpecialAccount));
        log.Same("表1/表2", "表1 单位资金", I("unitFunds"), "表2 总计 单位资金", t2.TotalOf(ColumnKeys.UnitFunds));
        log.Same("表1/表2", "表1 财政拨款结转", I("fiscalCarryover"), "表2 总计 财政拨款结转", t2.TotalOf(ColumnKeys.FiscalCarryover));
        log.Same("表1/表2", "表1 非财政拨款结转结余", I("nonFiscalCarryover"), "表2 总计 非财政拨款结转结余", t2.TotalOf(ColumnKeys.NonFiscalCarryover));
    }

    private static void C2(Disclosure d, CheckLog log)
    {
        var (t1, t2, t3) = (T(d, 1), T(d, 2), T(d, 3));
        log.Same("表3 总计", "表3 总计 合计", t3.TotalOf(ColumnKeys.Total), "表1 支出总计", t1.MainTotal);
        log.Same("表3 总计", "表3 总计 合计", t3.TotalOf(ColumnKeys.Total), "表2 总计", t2.TotalOf(ColumnKeys.Total));
        foreach (var code in Codes(t2, t3))
        {
            var name = CodeName(t3.ByCode(code) is null ? t2 : t3, code);
            log.Same($"表3 {name}", $"表3 {name} 合计", t3.CellOf(code, ColumnKeys.Total), "表2 同行总计", t2.CellOf(code, ColumnKeys.Total));
        }
    }

    /// <summary>
    /// 表4's 类 against the tables it repeats: its 合计 is 表2's 财政拨款小计 of the 类, and each budget's column
    /// is that budget's own table (一般公共预算 表5, 政府性基金预算 表8, 国有资本经营预算 表9).
    /// </summary>
    private static void D2(Disclosure d, CheckLog log)
    {
        var (t2, t4) = (T(d, 2), T(d, 4));
        // 表4's own identity of a 类 (合计 = 三本预算之和), for every 类 of 表2, 表4 or a budget's table.
        var own = d.Schema(TableKind.FiscalAppropriation).Identities.OfType<RowSum>().Single(i => i.Rule == "D2");
        var budgets = BudgetTables(d);
        foreach (var code in CategoryCodes([t4, t2, .. budgets.Select(b => b.Table)]))
        {
            var row = t4.ByCode(code);
            var name = CodeName(row is not null ? t4 : budgets.Select(b => b.Table).FirstOrDefault(t => t.ByCode(code) is not null) ?? t2, code);
            log.Sum($"表4 {name}", $"表4 {name} 合计", row?.Amount(own.Column) ?? 0m, own.Parts, own.Of.Select(c => row?.Amount(c) ?? 0m));
            log.Same($"表4 {name}", $"表4 {name} 合计", t4.CellOf(code, ColumnKeys.Total), "表2 同类财政拨款(补助)小计", t2.CellOf(code, ColumnKeys.Fiscal));
            foreach (var (column, table) in budgets)
                log.Same($"表4 {name}", $"表4 {name} {Col(d, 4, column)}", t4.CellOf(code, column), $"表{table.Number} 同类合计", table.CellOf(code, ColumnKeys.Total));
        }
    }

    /// <summary>The table of each budget's spending, by 表4's column of the budget: 表5, 表8, 表9.</summary>
    private static (string Column, BudgetTable Table)[] BudgetTables(Disclosure d) =>
        [(ColumnKeys.GeneralBudget, T(d, 5)), (ColumnKeys.GovFund, T(d, 8)), (ColumnKeys.StateCapital, T(d, 9))];

    private static void D4(Disclosure d, CheckLog log)
    {
        var (t1, t2, t4) = (T(d, 1), T(d, 2), T(d, 4));
        log.Sum("表4/表1", "表4 支出总计", t4.TotalOf(ColumnKeys.Total), "表1 一般公共预算、政府性基金、国有资本经营预算拨款之和",
            t1.FixedOf("generalBudget", ColumnKeys.Income), t1.FixedOf("govFund", ColumnKeys.Income), t1.FixedOf("stateCapital", ColumnKeys.Income));
        log.Same("表4/表2", "表4 支出总计", t4.TotalOf(ColumnKeys.Total), "表2 总计 财政拨款(补助)小计", t2.TotalOf(ColumnKeys.Fiscal));
    }

    private static void E1(Disclosure d, CheckLog log)
    {
        Identities(d, log, "E1");
        log.Same("表5 总计", "表5 总计 合计", T(d, 5).TotalOf(ColumnKeys.Total), "表4 支出总计 一般公共预算", T(d, 4).TotalOf(ColumnKeys.GeneralBudget));
    }

    /// <summary>
    /// 表3's 基本支出 of a row is this year's appropriations' (表5, and 表8, 表9's 人员 + 公用经费) plus what other
    /// money pays (财政专户, 单位资金, 上年结转结余: 表2 栏 9–12 of the row). So it is never less than the
    /// appropriations' and exceeds them by no more than that other money; where a row has no other money
    /// (every row of a budget that is all appropriations), the two are equal.
    /// </summary>
    private static void E2(Disclosure d, CheckLog log)
    {
        var (t2, t3, t5, t8, t9) = (T(d, 2), T(d, 3), T(d, 5), T(d, 8), T(d, 9));
        void Row(string location, string name, TableRow? r2, TableRow? r3, TableRow? r5, TableRow? r8, TableRow? r9)
        {
            decimal A(TableRow? r, params string[] columns) => r is null ? 0m : columns.Sum(r.Amount);
            var others = A(r8, ColumnKeys.Personnel, ColumnKeys.Public) + A(r9, ColumnKeys.Personnel, ColumnKeys.Public);
            var fiscal = A(r5, ColumnKeys.Basic) + others;
            var label = others == 0m ? $"表5 {name} 基本支出" : $"表5、表8、表9 {name} 基本支出之和";
            var all = A(r3, ColumnKeys.Basic);
            var room = A(r2, ColumnKeys.SpecialAccount, ColumnKeys.UnitFunds, ColumnKeys.FiscalCarryover, ColumnKeys.NonFiscalCarryover);
            if (room == 0m)
                log.Same(location, label, fiscal, name == "总计" ? "表3 总计 基本支出" : "表3 同行基本支出", all);
            else
            {
                var holds = fiscal <= all && all - fiscal <= room;
                log.Expect(location, holds, $"{label} {CheckLog.F(fiscal)} {(fiscal <= all ? "≤" : ">")} 表3 同行基本支出 {CheckLog.F(all)}，" +
                    $"差额 {CheckLog.F(all - fiscal)} {(all - fiscal <= room ? "不超过" : "超过")}表2 同行财政专户、单位资金和上年结转结余 {CheckLog.F(room)}");
            }
        }
        Row("表5 总计", "总计", t2.Total, t3.Total, t5.Total, t8.Total, t9.Total);
        foreach (var code in Codes(t3, t5, t8, t9))
        {
            var name = CodeName(new[] { t5, t3, t8, t9 }.First(t => t.ByCode(code) is not null), code);
            Row($"表5 {name}", name, t2.ByCode(code), t3.ByCode(code), t5.ByCode(code), t8.ByCode(code), t9.ByCode(code));
        }
    }

    /// <summary>
    /// What is not this year's appropriation (表1 总计 − 表4 总计) pays for 项目 what 表3's 项目支出 exceeds the
    /// appropriations' (表5, 表8, 表9), and for 基本支出 the same excess of 表3's 基本支出 (E2).
    /// </summary>
    private static void E3(Disclosure d, CheckLog log)
    {
        var (t3, t5, t8, t9) = (T(d, 3), T(d, 5), T(d, 8), T(d, 9));
        var basic = t3.TotalOf(ColumnKeys.Basic) - t5.TotalOf(ColumnKeys.Basic)
            - new[] { t8, t9 }.Sum(t => t.TotalOf(ColumnKeys.Personnel) + t.TotalOf(ColumnKeys.Public));
        var otherMoney = T(d, 1).MainTotal - T(d, 4).TotalOf(ColumnKeys.Total);
        log.Sum("表3/表5", basic == 0m ? "表1 总计 − 表4 总计" : $"表1 总计 − 表4 总计 − 非财政拨款基本支出 {CheckLog.F(basic)}", otherMoney - basic,
            "表3 项目支出 − 表5、表8、表9 项目支出", t3.TotalOf(ColumnKeys.Project), -t5.TotalOf(ColumnKeys.Project),
            -t8.TotalOf(ColumnKeys.Project), -t9.TotalOf(ColumnKeys.Project));
    }

    private static void F1(Disclosure d, CheckLog log) =>
        log.Same("表6 总计", "表6 总计 合计", T(d, 6).TotalOf(ColumnKeys.Total), "表5 总计 基本支出", T(d, 5).TotalOf(ColumnKeys.Basic));

    private static void F3(Disclosure d, CheckLog log) =>
        log.Sum("表6 总计", "表6 总计 人员经费", T(d, 6).TotalOf(ColumnKeys.Personnel), "301 工资福利支出 + 303 对个人和家庭的补助",
            T(d, 6).CellOf("301", ColumnKeys.Total), T(d, 6).CellOf("303", ColumnKeys.Total));

    private static void F4(Disclosure d, CheckLog log) =>
        log.Same("表6 总计", "表6 总计 公用经费", T(d, 6).TotalOf(ColumnKeys.Public), "302 商品和服务支出", T(d, 6).CellOf("302", ColumnKeys.Total));

    private static void F8(Disclosure d, CheckLog log)
    {
        var (t5, t6) = (T(d, 5), T(d, 6));
        foreach (var (functional, economic) in LineSplit.ContributionPairs)
        {
            if (t5.ByCode(functional) is null && t6.ByCode(economic) is null) continue;
            log.Same($"表5 {CodeName(t5, functional)}", $"表5 {CodeName(t5, functional)} 基本支出", t5.CellOf(functional, ColumnKeys.Basic),
                $"表6 {CodeName(t6, economic)}", t6.CellOf(economic, ColumnKeys.Total));
        }
    }

    private static void G1(Disclosure d, CheckLog log)
    {
        log.Same("表7 总计", "表7 总计 项目支出合计", T(d, 7).TotalOf(ColumnKeys.Total), "表5 总计 项目支出", T(d, 5).TotalOf(ColumnKeys.Project));
        Identities(d, log, "G1");
    }

    private static void H2(Disclosure d, CheckLog log)
    {
        var (t6, t10) = (T(d, 6), T(d, 10));
        foreach (var (key, code, name) in new[] { ("reception", "30217", "公务接待费"), ("vehicleOperation", "30231", "公务用车运行费") })
        {
            var three = t10.FixedOf(key, ColumnKeys.Total);
            var basic = t6.CellOf(code, ColumnKeys.Total);
            log.Expect($"表10 {name}", three >= basic,
                $"表10 {name} {CheckLog.F(three)} {(three >= basic ? "≥" : "<")} 表6 {CodeName(t6, code)} {CheckLog.F(basic)}");
        }
    }

    private static readonly (string Key, string Name, string[] Words)[] ThreePublicWords =
    [
        ("overseas", "因公出国（境）费", ["出国", "出境"]),
        ("reception", "公务接待费", ["公务接待", "接待费"]),
        ("vehiclePurchase", "公务用车购置费", ["公务用车购置", "购置车辆"]),
        ("vehicleOperation", "公务用车运行费", ["公务用车运行", "车辆运行", "公车运行"]),
    ];

    private static void H3(Disclosure d, CheckLog log)
    {
        var (t6, t10) = (T(d, 6), T(d, 10));
        var basic = new Dictionary<string, decimal>
        {
            ["overseas"] = 0m, ["vehiclePurchase"] = 0m,
            ["reception"] = t6.CellOf("30217", ColumnKeys.Total), ["vehicleOperation"] = t6.CellOf("30231", ColumnKeys.Total),
        };
        foreach (var project in Note(d, "7").Lines)
        {
            var text = $"{project.Label} {project.Allocation}";
            foreach (var (key, name, words) in ThreePublicWords.Where(w => w.Words.Any(text.Contains)))
            {
                var reflected = T(d, 10).FixedOf(key, ColumnKeys.Total) > basic[key];
                log.Expect($"说明七 {project.Label}", reflected,
                    $"项目“{project.Label}”的资金安排含{name}，表10 {name} {CheckLog.F(t10.FixedOf(key, ColumnKeys.Total))} " +
                    (reflected ? "已包含项目资金" : $"只等于基本支出 {CheckLog.F(basic[key])}，未反映项目安排"));
            }
        }
    }

    private static void I1(Disclosure d, CheckLog log)
    {
        var (t1, t2, t11) = (T(d, 1), T(d, 2), T(d, 11));
        log.Same("表11 总计", "表11 总计 合计", t11.TotalOf(ColumnKeys.Total), "表1 二、上年结转结余", t1.FixedOf("carryover", ColumnKeys.Income));
        log.Same("表11 总计", "表11 总计 财政拨款", t11.TotalOf(ColumnKeys.Fiscal), "表1 财政拨款结转", t1.FixedOf("fiscalCarryover", ColumnKeys.Income));
        log.Same("表11 总计", "表11 总计 财政拨款", t11.TotalOf(ColumnKeys.Fiscal), "表2 总计 财政拨款结转", t2.TotalOf(ColumnKeys.FiscalCarryover));
        log.Same("表11 总计", "表11 总计 非财政拨款", t11.TotalOf(ColumnKeys.NonFiscal), "表1 非财政拨款结转结余", t1.FixedOf("nonFiscalCarryover", ColumnKeys.Income));
        log.Same("表11 总计", "表11 总计 非财政拨款", t11.TotalOf(ColumnKeys.NonFiscal), "表2 总计 非财政拨款结转结余", t2.TotalOf(ColumnKeys.NonFiscalCarryover));
    }
}

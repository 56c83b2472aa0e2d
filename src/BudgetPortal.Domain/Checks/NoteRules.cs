using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Checks;

// The identities between 第三部分 情况说明 and the tables (domain spec §4, J).
public static partial class ConsistencyChecks
{
    private static string LineName(NoteLine line) => line.Label
        ?? IncomeSources.All.FirstOrDefault(s => s.Key == line.Key)?.Label
        ?? line.Key switch
    {
        "basic" => "基本支出", "project" => "项目支出",
        "total" => "合计", "overseas" => "因公出国（境）费", "vehiclePurchase" => "公务用车购置费",
        "vehicleOperation" => "公务用车运行费", "reception" => "公务接待费", "operating" => "运行经费",
        var other => other,
    };

    private static void J1(Disclosure d, CheckLog log)
    {
        var (note, t1) = (Note(d, "1"), T(d, 1));
        log.Same("说明一", "说明一 收支总预算", note.Number("total") ?? 0m, "表1 支出总计", t1.MainTotal);
        log.SameText("说明一", "说明一 收入预算包括", Joined(note.List("incomeSources")), "表1 的非零收入来源",
            Joined(IncomeSources.All.Where(s => IncomeSources.AmountIn(t1, s.Key) != 0m).Select(s => s.Label)));
        log.SameText("说明一", "说明一 支出预算包括", Joined(note.List("expenditureCategories")), "表1 的非零支出类",
            Joined(t1.OfKind(RowKind.Category).Where(r => r.Amount(ColumnKeys.Expenditure) != 0m).Select(r => r.Name ?? "")));
    }

    private static void J2(Disclosure d, CheckLog log)
    {
        var (note, t1) = (Note(d, "2"), T(d, 1));
        var total = t1.TotalOf(ColumnKeys.Income);
        log.Same("说明二", "说明二 收入预算", note.Number("total") ?? 0m, "表1 收入总计", total);
        // The sources as 说明二 counts them (IncomeSources: a budget's own money apart from its 上级 transfer).
        foreach (var key in IncomeSources.All.Select(s => s.Key).Union(note.Lines.Select(l => l.Key)))
        {
            var line = note.Line(key);
            var name = line is null ? IncomeSources.Get(key).Label : LineName(line);
            log.Same("说明二", $"说明二 {name}", line?.Amount ?? 0m, $"表1 {Income(d, 1, key)}",
                IncomeSources.All.Any(s => s.Key == key) ? IncomeSources.AmountIn(t1, key) : t1.FixedOf(key, ColumnKeys.Income));
        }
        foreach (var line in note.Lines.Where(l => l.Share is not null))
            log.Percent("说明二", $"说明二 {LineName(line)} 占", line.Share!.Value, NoteFormat.SharePercent(line.Amount ?? 0m, total),
                $"{CheckLog.F(line.Amount ?? 0m)} ÷ 收入总计 {CheckLog.F(total)} =");
    }

    private static void J3(Disclosure d, CheckLog log)
    {
        foreach (var key in new[] { "2", "3", "5.1", "5.3", "10", "12.1" })
        foreach (var line in Note(d, key).Lines)
        {
            if (line is not { Amount: { } amount, Change: { } change, ChangePercent: { } printed }) continue;
            var prior = amount - change;
            // The same rule the notes are drafted with (half up, 100.00 from or to nothing).
            var exact = NoteFormat.ChangePercent(amount, prior);
            log.Percent(Section(key), $"{Section(key)} {LineName(line)} {(change < 0 ? "下降" : "增长")}", printed, exact,
                $"增减 {CheckLog.F(Math.Abs(change))} ÷ 上年 {CheckLog.F(prior)} =");
        }
    }

    private static void J4(Disclosure d, CheckLog log)
    {
        var (note, t3) = (Note(d, "3"), T(d, 3));
        var total = t3.TotalOf(ColumnKeys.Total);
        log.Same("说明三", "说明三 支出预算", note.Number("total") ?? 0m, "表3 总计 合计", total);
        foreach (var key in new[] { "basic", "project" })
        {
            var line = note.Line(key);
            var name = key == "basic" ? "基本支出" : "项目支出";
            log.Same("说明三", $"说明三 {name}", line?.Amount ?? 0m, $"表3 总计 {name}", t3.TotalOf(key));
            if (line?.Share is { } share)
                log.Percent("说明三", $"说明三 {name} 占", share, NoteFormat.SharePercent(t3.TotalOf(key), total),
                    $"{CheckLog.F(t3.TotalOf(key))} ÷ 表3 总计 {CheckLog.F(total)} =");
        }
    }

    private static void J5(Disclosure d, CheckLog log)
    {
        var (income, expenditure) = (Note(d, "2"), Note(d, "3"));
        var incomeLines = income.Lines.Where(l => l.PriorAmount is not null).ToList();
        var spendLines = expenditure.Lines.Where(l => l.PriorAmount is not null).ToList();
        if (incomeLines.Count == 0 || spendLines.Count == 0) return;
        log.Sum("说明二/说明三", "说明二推算的上年收入预算", incomeLines.Sum(l => l.PriorAmount!.Value),
            "说明三推算的上年支出预算", spendLines.Select(l => l.PriorAmount!.Value));
    }

    private static void J6(Disclosure d, CheckLog log)
    {
        var (note, t4) = (Note(d, "4"), T(d, 4));
        log.Same("说明四", "说明四 财政拨款收支总预算", note.Number("total") ?? 0m, "表4 支出总计", t4.TotalOf(ColumnKeys.Total));
        log.Same("说明四", "说明四 一般公共预算拨款", note.Number("generalBudgetIncome") ?? 0m, "表4 一般公共预算", t4.FixedOf("generalBudget", ColumnKeys.Income));
        foreach (var code in t4.OfKind(RowKind.Category).Select(r => r.Code!).Union(note.Lines.Select(l => l.Key)))
        {
            var name = CodeName(t4, code);
            log.Same("说明四", $"说明四 {note.Line(code)?.Label ?? name}", note.Line(code)?.Amount ?? 0m, $"表4 {name}", t4.CellOf(code, ColumnKeys.Total));
        }
    }

    private static void J7(Disclosure d, CheckLog log)
    {
        var (note, t5) = (Note(d, "5.1"), T(d, 5));
        log.Same("说明五(一)", "说明五(一) 一般公共预算拨款合计", note.Number("total") ?? 0m, "表5 总计 合计", t5.TotalOf(ColumnKeys.Total));
        log.Same("说明五(一)", "说明五(一) 基本支出", note.Line("basic")?.Amount ?? 0m, "表5 总计 基本支出", t5.TotalOf(ColumnKeys.Basic));
        log.Same("说明五(一)", "说明五(一) 项目支出", note.Line("project")?.Amount ?? 0m, "表5 总计 项目支出", t5.TotalOf(ColumnKeys.Project));
        if (Note(d, "2").Line("generalBudget")?.Change is { } change)
            log.Sum("说明五(一)", "说明二 一般公共预算增减额", change, "说明五(一) 基本、项目支出增减额之和",
                note.Line("basic")?.Change ?? 0m, note.Line("project")?.Change ?? 0m);
    }

    private static void J8(Disclosure d, CheckLog log)
    {
        var (note, t5) = (Note(d, "5.2"), T(d, 5));
        var total = t5.TotalOf(ColumnKeys.Total);
        foreach (var code in t5.OfKind(RowKind.Category).Select(r => r.Code!).Union(note.Lines.Select(l => l.Key)))
        {
            var line = note.Line(code);
            var name = CodeName(t5, code);
            log.Same("说明五(二)", $"说明五(二) {line?.Label ?? name}", line?.Amount ?? 0m, $"表5 {name} 合计", t5.CellOf(code, ColumnKeys.Total));
            log.Percent("说明五(二)", $"说明五(二) {line?.Label ?? name} 占", line?.Share ?? 0m, NoteFormat.SharePercent(t5.CellOf(code, ColumnKeys.Total), total),
                $"{CheckLog.F(t5.CellOf(code, ColumnKeys.Total))} ÷ 表5 总计 {CheckLog.F(total)} =");
        }
        if (note.Lines.Count > 0)
            log.PercentSum("说明五(二)", "说明五(二) 各类占比之和", 100m, note.Lines.Select(l => l.Share ?? 0m));
    }

    private static void J9(Disclosure d, CheckLog log)
    {
        var (note, t5) = (Note(d, "5.3"), T(d, 5));
        foreach (var line in note.Lines)
            log.Same("说明五(三)", $"说明五(三) {CodeName(t5, line.Key)}", line.Amount ?? 0m, "表5 同项合计", t5.CellOf(line.Key, ColumnKeys.Total));
        foreach (var item in t5.OfKind(RowKind.Item).Where(r => note.Line(r.Code!) is null))
            log.Same("说明五(三)", $"说明五(三) 未列出 {RowName(item)}", 0m, "表5 同项合计", item.Amount(ColumnKeys.Total));
        if (Note(d, "2").Line("generalBudget")?.Change is { } change && note.Lines.Count > 0)
            log.Sum("说明五(三)", "说明二 一般公共预算增减额", change, "说明五(三) 各项增减额之和", note.Lines.Select(l => l.Change ?? 0m));
    }

    private static void J10(Disclosure d, CheckLog log)
    {
        var (note, t6) = (Note(d, "6"), T(d, 6));
        log.Same("说明六", "说明六 基本支出", note.Number("total") ?? 0m, "表6 总计 合计", t6.TotalOf(ColumnKeys.Total));
        log.Same("说明六", "说明六 人员经费", note.Number("personnel") ?? 0m, "表6 总计 人员经费", t6.TotalOf(ColumnKeys.Personnel));
        log.Same("说明六", "说明六 公用经费", note.Number("public") ?? 0m, "表6 总计 公用经费", t6.TotalOf(ColumnKeys.Public));
        // The 款 with money, as the note lists them (NoteStructure): a 款 carried over without an amount is not listed.
        string ClassNames(params string[] categories) => Joined(t6.OfKind(RowKind.EconomicClass)
            .Where(r => categories.Contains(r.Code![..3]) && r.Amount(ColumnKeys.Total) != 0m).OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => r.Name ?? ""));
        log.SameText("说明六", "说明六 人员经费主要包括", Joined(note.List("personnelItems")), "表6 301、303 的款", ClassNames("301", "303"));
        log.SameText("说明六", "说明六 公用经费主要包括", Joined(note.List("publicItems")), "表6 302 的款", ClassNames("302"));
    }

    private static void J11(Disclosure d, CheckLog log)
    {
        var projects = T(d, 7).OfKind(RowKind.Project).ToList();
        var lines = Note(d, "7").Lines;
        log.Same("说明七", "说明七 项目个数", lines.Count, "表7 项目行数", projects.Count);
        foreach (var (line, row) in lines.Zip(projects))
        {
            log.SameText("说明七", "说明七 项目名称", line.Label ?? "", "表7 项目名称", row.Project ?? "");
            log.Same("说明七", $"说明七 {line.Label} 预算安排规模", line.Amount ?? 0m, $"表7 {RowName(row)} 项目支出合计", row.Amount(ColumnKeys.Total));
            var allocated = AllocatedAmounts(line.Allocation).ToList();
            if (allocated.Count > 0)
                log.Sum("说明七", $"说明七 {line.Label} 预算安排规模", line.Amount ?? 0m, "资金分配情况各项之和", allocated);
        }
    }

    private static void J12(Disclosure d, CheckLog log)
    {
        var note = Note(d, "10");
        if (note.Lines.Count == 0) return;
        foreach (var key in new[] { "total", "overseas", "vehiclePurchase", "vehicleOperation", "reception" })
        {
            var label = d.Schema(TableKind.ThreePublicExpenses).FixedRows.First(f => f.Key == key).Label;
            log.Same("说明十", $"说明十 {LineName(note.Line(key) ?? new NoteLine(key))}", note.Line(key)?.Amount ?? 0m, $"表10 {label}",
                T(d, 10).FixedOf(key, ColumnKeys.Total));
        }
    }

    private static void J13(Disclosure d, CheckLog log)
    {
        var (note, t11) = (Note(d, "11"), T(d, 11));
        if (t11.IsEmpty)
        {
            log.Same("说明十一", "说明十一 结转项目个数", note.Lines.Count, "表11 项目行数", 0);
            return;
        }
        log.Same("说明十一", "说明十一 上年结转结余", note.Number("total") ?? 0m, "表11 总计 合计", t11.TotalOf(ColumnKeys.Total));
        log.Same("说明十一", "说明十一 财政拨款", note.Number("fiscal") ?? 0m, "表11 总计 财政拨款", t11.TotalOf(ColumnKeys.Fiscal));
        log.Same("说明十一", "说明十一 非财政拨款", note.Number("nonFiscal") ?? 0m, "表11 总计 非财政拨款", t11.TotalOf(ColumnKeys.NonFiscal));
        log.Sum("说明十一", "说明十一 上年结转结余", note.Number("total") ?? 0m, "财政拨款 + 非财政拨款",
            note.Number("fiscal") ?? 0m, note.Number("nonFiscal") ?? 0m);
        var projects = t11.OfKind(RowKind.Project).ToList();
        log.Same("说明十一", "说明十一 结转项目个数", note.Lines.Count, "表11 项目行数", projects.Count);
        foreach (var (line, row) in note.Lines.Zip(projects))
        {
            log.SameText("说明十一", "说明十一 项目", line.Label ?? "", "表11 项目", row.Project ?? "");
            log.Same("说明十一", $"说明十一 {line.Label}", line.Amount ?? 0m, $"表11 {row.Project} 合计", row.Amount(ColumnKeys.Total));
        }
    }

    private static void J14(Disclosure d, CheckLog log) =>
        log.Same("说明十二(一)", "说明十二(一) 运行经费", Note(d, "12.1").Line("operating")?.Amount ?? 0m, "表6 总计 公用经费", T(d, 6).TotalOf(ColumnKeys.Public));

    private static void J15(Disclosure d, CheckLog log)
    {
        var note = Note(d, "12.2");
        log.Sum("说明十二(二)", "说明十二(二) 政府采购预算", note.Number("total") ?? 0m, "货物 + 工程 + 服务",
            note.Number("goods") ?? 0m, note.Number("works") ?? 0m, note.Number("services") ?? 0m);
    }

    private static void J16(Disclosure d, CheckLog log)
    {
        var note = Note(d, "12.3");
        decimal N(string key) => note.Number(key) ?? 0m;
        log.Same("说明十二(三)", "说明十二(三) 车辆", N("vehicles"), "一般公务用车、执法执勤用车、其他车辆辆数之和",
            N("generalVehicles") + N("enforcementVehicles") + N("otherVehicles"));
        log.Sum("说明十二(三)", "说明十二(三) 车辆价值", N("vehiclesValue"), "各类车辆价值之和",
            N("generalVehiclesValue"), N("enforcementVehiclesValue"), N("otherVehiclesValue"));
    }

    private static void J17(Disclosure d, CheckLog log) =>
        log.Same("说明十二(四)", "说明十二(四) 整体预算绩效目标涉及金额", Note(d, "12.4").Number("overallAmount") ?? 0m,
            "表1 支出总计", T(d, 1).MainTotal);

    private static void J18(Disclosure d, CheckLog log) =>
        log.Same("说明十二(四)", "说明十二(四) 财政拨款项目涉及金额", Note(d, "12.4").Number("fiscalProjectAmount") ?? 0m,
            "表5 总计 项目支出", T(d, 5).TotalOf(ColumnKeys.Project));

    private static void J19(Disclosure d, CheckLog log) =>
        log.Sum("说明十二(四)", "说明十二(四) 非财政拨款项目涉及金额", Note(d, "12.4").Number("nonFiscalProjectAmount") ?? 0m,
            "表3 项目支出 − 表5 项目支出", T(d, 3).TotalOf(ColumnKeys.Project), -T(d, 5).TotalOf(ColumnKeys.Project));
}

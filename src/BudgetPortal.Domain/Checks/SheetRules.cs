using System.Text.RegularExpressions;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Checks;

// The performance sheets, the staff figures and the soft rules (domain spec §4 K–L, §5).
public static partial class ConsistencyChecks
{
    private static void K1(Disclosure d, CheckLog log)
    {
        if (d.DepartmentSheet is not { } sheet) return;
        log.Sum("部门整体绩效目标表", "表1 支出总计", T(d, 1).MainTotal, "整体表 上级安排 + 本级安排 + 其他",
            sheet.FundsSuperior ?? 0m, sheet.FundsLocal ?? 0m, sheet.FundsOther ?? 0m);
    }

    private static void K2(Disclosure d, CheckLog log)
    {
        if (d.DepartmentSheet is not { } sheet) return;
        log.Sum("部门整体绩效目标表", "表4 财政拨款总计", T(d, 4).TotalOf(ColumnKeys.Total), "整体表 财政资金（上级 + 本级）",
            sheet.FundsSuperior ?? 0m, sheet.FundsLocal ?? 0m);
        log.Sum("部门整体绩效目标表", "整体表 其他资金", sheet.FundsOther ?? 0m, "非财政拨款（表1 总计 − 表4 总计）",
            T(d, 1).MainTotal, -T(d, 4).TotalOf(ColumnKeys.Total));
    }

    private static void K3(Disclosure d, CheckLog log)
    {
        var sheets = d.ProjectSheets.ToList();
        var projects = T(d, 7).OfKind(RowKind.Project).ToList();
        log.Same("项目支出绩效目标表", "项目支出绩效目标表张数", sheets.Count, "表7 项目行数", projects.Count);
        foreach (var (sheet, row) in sheets.Zip(projects))
        {
            var where = $"项目支出绩效目标表 {sheet.Name}";
            log.Sum(where, $"{where} 年度预算总额", sheet.FundsTotal ?? 0m, "财政拨款 + 其他资金", sheet.FundsFiscal ?? 0m, sheet.FundsOther ?? 0m);
            log.Same(where, $"{where} 财政拨款", sheet.FundsFiscal ?? 0m, $"表7 {RowName(row)} 项目支出合计", row.Amount(ColumnKeys.Total));
        }
    }

    private static void K4(Disclosure d, CheckLog log)
    {
        foreach (var sheet in d.ProjectSheets)
        {
            var ceilings = sheet.Indicators
                .Where(i => i.Level2.Contains("成本") && i.ParsedValue is { Operator: Comparison.AtMost or Comparison.Less, Number: { } } v && v.Unit.Contains("万元"))
                .Select(i => i.ParsedValue.Number!.Value).ToList();
            if (ceilings.Count == 0 || sheet.FundsTotal is not { } total) continue;
            var sum = ceilings.Sum();
            log.Expect($"项目支出绩效目标表 {sheet.Name}", sum == total,
                $"项目“{sheet.Name}”经济成本指标上限之和 {CheckLog.F(sum)} 万元 {(sum == total ? "=" : "≠")} 年度预算总额 {CheckLog.F(total)} 万元");
        }
    }

    private static void L1(Disclosure d, CheckLog log)
    {
        var staff = d.Overview.Staff;
        log.Same("部门概况", "实有人数", staff.Actual, "在职 + 退休 + 离休", staff.Active + staff.Retired + staff.Honorary);
    }

    private static string SheetName(PerformanceSheet sheet) =>
        sheet.Kind == SheetKind.Department ? sheet.Title : $"{sheet.Title}“{sheet.Name}”";

    private static void W1(Disclosure d, CheckLog log)
    {
        foreach (var sheet in d.PerformanceSheets)
        {
            log.Expect(SheetName(sheet), sheet.WeightSum <= 100m,
                $"{SheetName(sheet)} 分值权重之和 {sheet.WeightSum:0.##} {(sheet.WeightSum <= 100m ? "≤" : ">")} 100");
            // An indicator without its value yet (a new year's, carried over) repeats nothing.
            var repeated = sheet.Indicators.Where(i => !string.IsNullOrWhiteSpace(i.Value))
                .GroupBy(i => (i.Level2, i.Level3, i.Value)).Where(g => g.Count() > 1).ToList();
            log.Expect(SheetName(sheet), repeated.Count == 0, repeated.Count == 0
                ? $"{SheetName(sheet)} 没有重复的指标"
                : $"{SheetName(sheet)} 有重复的指标：{string.Join("；", repeated.Select(g => $"“{g.Key.Level3}” {g.Key.Value} 出现 {g.Count()} 次"))}");
        }
    }

    private static void W2(Disclosure d, CheckLog log)
    {
        foreach (var sheet in d.PerformanceSheets.Where(s => s.WeightSum <= 100m && s.Indicators.Count > 0))
            log.Expect(SheetName(sheet), sheet.WeightSum is 90m or 100m,
                $"{SheetName(sheet)} 分值权重之和 {sheet.WeightSum:0.##}（应为 90 或 100）");
    }

    private static void N1(Disclosure d, CheckLog log)
    {
        var department = d.DepartmentName;
        if (d.DepartmentSheet is { } ds)
            log.SameText("部门整体绩效目标表", "整体表 部门名称", ds.Name, "编制部门", department);
        var projects = T(d, 7).OfKind(RowKind.Project).Select(r => r.Project ?? "").ToList();
        foreach (var sheet in d.ProjectSheets)
        {
            if (sheet.Unit is { Length: > 0 } unit)
                log.SameText($"项目支出绩效目标表 {sheet.Name}", "项目表 预算单位", unit, "编制部门", department);
            log.Expect($"项目支出绩效目标表 {sheet.Name}", projects.Contains(sheet.Name),
                projects.Contains(sheet.Name)
                    ? $"项目表“{sheet.Name}”与表7 项目名称一致"
                    : $"项目表 项目名称“{sheet.Name}”不在表7 的项目中（{string.Join("、", projects.Select(p => $"“{p}”"))}）");
        }
    }

    private static void N2(Disclosure d, CheckLog log)
    {
        foreach (var section in d.Notes)
        foreach (var line in section.Lines.Where(l => l.Change == 0m && !string.IsNullOrWhiteSpace(l.Reason)))
        {
            var claims = ClaimsChange().IsMatch(line.Reason!) && !SaysNoChange().IsMatch(line.Reason!);
            log.Expect(Section(section.Key), !claims, claims
                ? $"{Section(section.Key)} {LineName(line)} 增减额为 0.00，但原因写的是“{line.Reason}”"
                : $"{Section(section.Key)} {LineName(line)} 增减额为 0.00，原因与之相符");
        }
    }

    [GeneratedRegex("增加|减少|增长|下降|上涨|上升|降低|提高")]
    private static partial Regex ClaimsChange();

    [GeneratedRegex("无变化|未变|不变|持平|一致|未安排|没有变化")]
    private static partial Regex SaysNoChange();
}

using System.Globalization;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Performance;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// Reads the performance-target sheets of 十二(四): the 部门整体绩效目标表 and one 项目支出绩效目标表
/// per project. Tab-separated text is read cell by cell; text with one value per line (or a few cells
/// on a line) by its columns' vocabulary and the shape of their values (<see cref="IndicatorGrid"/>).
/// </summary>
public static partial class SheetReader
{
    public static PerformanceDoc Read(List<SourceLine> lines, ImportContext ctx)
    {
        var result = new PerformanceDoc();
        var projects = 0;
        var starts = lines.Select((l, i) => (l, i)).Where(x => x.l.Text.StartsWith("部门整体绩效目标表", StringComparison.Ordinal) || x.l.Text.StartsWith("项目支出绩效目标表", StringComparison.Ordinal)).Select(x => x.i).ToList();
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1] : lines.Count;
            // Page numbers are gone already (SourceText, LayoutText): a number alone on its line is a cell (a weight, 上年完成值 3).
            var sheet = lines.Skip(starts[k]).Take(end - starts[k]).ToList();
            var department = sheet[0].Text.StartsWith("部门整体", StringComparison.Ordinal);
            var part = department ? "部门整体绩效目标表" : $"项目支出绩效目标表{++projects}";
            try
            {
                if (department) result.Department = Checked(ReadDepartment(sheet, ctx), d => d.Indicators, project: false);
                else result.Projects.Add(Checked(ReadProject(sheet, ctx), p => p.Indicators, project: true));
                ctx.Report.Recognise(part, department
                    ? $"{result.Department!.DepartmentName}：{result.Department.Indicators.Count} 条指标"
                    : $"{result.Projects[^1].Name}：{result.Projects[^1].Indicators.Count} 条指标");
            }
            catch (DomainException e)
            {
                ctx.Report.Fail(part, e.Message, sheet.Select(l => l.ToString()));
            }
        }
        if (result.Department is null && !ctx.Report.FailedParts.Contains("部门整体绩效目标表"))
            ctx.Report.Fail("部门整体绩效目标表", "找不到部门整体绩效目标表。");
        return result;
    }

    /// <summary>
    /// A sheet is read exactly or not at all: every indicator must have the shape of its columns — a
    /// weight of 1–100, a short value, 三级指标 and 上年完成值 without another column's words (a basis,
    /// a scoring rule, evidence, an indicator level) — else the sheet is left for an officer.
    /// </summary>
    private static T Checked<T>(T sheet, Func<T, List<Indicator>> indicators, bool project)
    {
        var list = indicators(sheet);
        if (list.Count == 0) throw new DomainException("没有读出任何指标行。");
        foreach (var (i, n) in list.Select((i, n) => (i, n + 1)))
        {
            string? Wrong()
            {
                if (i.Weight is not { } w || w < 1 || w > 100 || w != Math.Floor(w)) return $"分值权重“{i.Weight}”不是 1–100 的整数";
                if (i.Value.Length is 0 or > 30) return $"指标值“{i.Value}”";
                if (i.Level3.IndexOfAny(['＞', '＜', '≥', '≤']) >= 0) return $"三级指标“{i.Level3}”含有指标值";
                foreach (var (name, text) in new[] { ("三级指标", i.Level3), ("上年完成值", i.LastYear ?? ""), ("指标值", i.Value) })
                    if (ColumnWords().IsMatch(text)) return $"{name}“{text}”含有其他列的内容";
                if (project && (i.LastYear?.Length ?? 0) > 30) return $"上年完成值“{i.LastYear}”";
                // A basis holding another row's level or value, or starting with a value's unit (`0 批次…`: a value wrapped inside its number).
                if (BasisIntrudes().IsMatch(i.Basis ?? "")) return $"指标设定依据“{i.Basis}”含有其他列的内容";
                return null;
            }
            if (Wrong() is { } why) throw new DomainException($"第 {n} 条指标读不准：{why}。");
        }
        return sheet;
    }

    private static int Year(List<SourceLine> sheet) =>
        sheet.Take(3).Select(l => Regex.Match(l.Text, @"^[（(]\s*(\d{4})\s*年\s*[)）]$")).FirstOrDefault(m => m.Success) is { } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new DomainException("找不到绩效目标表的年度“（YYYY 年）”。");

    // ---- 部门整体绩效目标表 -------------------------------------------------------------------

    private static DepartmentSheetDoc ReadDepartment(List<SourceLine> sheet, ImportContext ctx)
    {
        var doc = new DepartmentSheetDoc { Year = Year(sheet) };
        var headerAt = sheet.FindIndex(l => l.Text.Replace(" ", "").StartsWith("一级指标二级指标三级指标", StringComparison.Ordinal));
        if (headerAt < 0) throw new DomainException("找不到指标表头“一级指标 二级指标 三级指标 …”。");
        var head = sheet.Take(headerAt).ToList();
        var text = string.Join(' ', head.Select(l => l.Text));
        doc.DepartmentName = Field(head, "部门名称") ?? throw new DomainException("找不到部门名称。");
        var contact = Regex.Match(text, @"部门联系人\s*(\S+)\s*联系电话\s*(\S+)");
        if (contact.Success) { doc.Contact = contact.Groups[1].Value; doc.Phone = contact.Groups[2].Value; }
        doc.Goal = Between(head, "年度绩效目标", "年度预算");
        doc.Funds = new FundsDoc
        {
            Superior = Number(text, @"上级安排\s*" + X),
            Local = Number(text, @"本级安排\s*" + X),
            Other = Number(text, @"其他资金[（(]万元[)）]\s*其他\s*" + X),
        };
        var rows = sheet.Skip(headerAt + 1).ToList();
        if (rows.All(l => l.Tabbed))
        {
            string l1 = "", l2 = "";
            Indicator? last = null;
            foreach (var row in rows)
            {
                var c = row.Cells!.Select(FixSpaces).ToList();
                while (c.Count < 6) c.Add("");
                if (c[2].Length == 0 && c[3].Length == 0 && last is not null) { last.Basis += c[4]; continue; }
                if (c[0].Length > 0) l1 = c[0];
                if (c[1].Length > 0) l2 = c[1];
                last = new Indicator { Level1 = l1, Level2 = l2, Level3 = c[2], Value = c[3], Basis = c[4], Weight = Prose.Amount(c[5]) };
                doc.Indicators.Add(last);
            }
            return doc;
        }
        doc.Indicators.AddRange(IndicatorGrid.Department(rows));
        return doc;
    }

    // ---- 项目支出绩效目标表 -------------------------------------------------------------------

    private static ProjectSheetDoc ReadProject(List<SourceLine> sheet, ImportContext ctx)
    {
        var doc = new ProjectSheetDoc { Year = Year(sheet) };
        var headerAt = sheet.FindIndex(l => l.Text.Replace(" ", "").StartsWith("一级", StringComparison.Ordinal));
        var headerEnd = sheet.FindIndex(Math.Max(headerAt, 0), l => l.Text.Contains("佐证资料"));
        if (headerAt < 0 || headerEnd < 0) throw new DomainException("找不到指标表头“一级指标 … 佐证资料”。");
        var head = sheet.Take(headerAt).ToList();
        var text = string.Join(' ', head.Select(l => l.Text));
        doc.Unit = Field(head, "预算单位");
        var name = Regex.Match(text, @"项目名称\s*(.+?)\s*项目负责人\s*(\S+)");
        if (!name.Success) throw new DomainException("找不到项目名称和项目负责人。");
        doc.Name = name.Groups[1].Value.Trim();
        doc.Manager = name.Groups[2].Value;
        var plain = text;
        doc.Total = Number(plain, @"年度预算总额\s*" + X);
        doc.Fiscal = Number(plain, @"其中[：:]\s*财政拨\s*款\s*" + X);
        doc.Other = Number(plain, @"其他资金\s*" + X);
        doc.Goal = Between(head, "项目总体目标", null);
        var rows = sheet.Skip(headerEnd + 1).ToList();
        if (rows.All(l => l.Tabbed))
        {
            string l1 = "", l2 = "";
            foreach (var row in rows)
            {
                var c = row.Cells!.Select(FixSpaces).ToList();
                while (c.Count < 9) c.Add("");
                if (c[0].Length > 0) l1 = c[0].Replace(" ", "");
                if (c[1].Length > 0) l2 = c[1].Replace(" ", "");
                doc.Indicators.Add(new Indicator
                {
                    Level1 = l1, Level2 = l2, Level3 = c[2], Value = c[3], Basis = c[4], LastYear = c[5].Length > 0 ? c[5] : null,
                    Weight = Prose.Amount(c[6]), Scoring = c[7], Evidence = c[8],
                });
            }
            return doc;
        }
        doc.Indicators.AddRange(IndicatorGrid.Project(rows));
        return doc;
    }

    private const string X = @"(\d[\d,]*(?:\.\d+)?)";

    private static decimal? Number(string text, string pattern) =>
        Regex.Match(text, pattern) is { Success: true } m ? Prose.Amount(m.Groups[1].Value) : null;

    /// <summary>The value after a label on its line (或 the next cell): 部门名称（盖章） X.</summary>
    private static string? Field(List<SourceLine> head, string label)
    {
        foreach (var l in head)
        {
            if (!l.Text.StartsWith(label, StringComparison.Ordinal)) continue;
            if (l.Tabbed) return l.Cells!.Skip(1).FirstOrDefault(c => c.Length > 0);
            var rest = l.Text[label.Length..];
            rest = Regex.Replace(rest, @"^[（(]盖章[)）]", "").Trim();
            return rest.Length > 0 ? rest : null;
        }
        return null;
    }

    /// <summary>The text after a label line up to the line starting with another (wrapped lines joined).</summary>
    private static string? Between(List<SourceLine> head, string label, string? until)
    {
        var at = head.FindIndex(l => l.Text.StartsWith(label, StringComparison.Ordinal));
        if (at < 0) return null;
        if (head[at].Tabbed) return head[at].Cells!.Skip(1).FirstOrDefault(c => c.Length > 0);
        var text = head[at].Text[label.Length..].Trim();
        for (var i = at + 1; i < head.Count; i++)
        {
            if (until is not null && head[i].Text.StartsWith(until, StringComparison.Ordinal)) break;
            text += head[i].Text;
        }
        return text;
    }

    /// <summary>
    /// Spaces extraction put inside a number or a word (`=3570 .91 平 方米` → `=3570.91 平方米`,
    /// `持续 加强` → `持续加强`); a space between a number and its unit (`≥4 次`) is printed and kept.
    /// </summary>
    public static string FixSpaces(string s)
    {
        s = Regex.Replace(s, @"(?<=[\d.])\s+(?=[\d.])", "");
        s = Regex.Replace(s, @"(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])", "");
        return s.Trim();
    }

    [GeneratedRegex(@"数量指标|质量指标|时效指标|成本指标|效益指标|满意度指标|[＞＜≥≤]|(^|[^\d])=\s*\d|^\d+\s*(批次|人次|次|人|辆|个|处|项|%|万元|天|日)")]
    private static partial Regex BasisIntrudes();

    [GeneratedRegex(@"计划标准|预算支出标准|历史标准|行业标准|赋分|工作资料|原始凭证|说明材料|数量指标|质量指标|时效指标|成本指标|效益指标|满意度指标")]
    private static partial Regex ColumnWords();
}

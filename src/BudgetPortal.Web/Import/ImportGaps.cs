using System.Globalization;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Import;

/// <summary>A part an import left for an officer: its name (表3, 说明5.3 …), where it stood in the file, its form, and whether it is filled in by now.</summary>
public sealed record ImportGap(string Part, string Where, string Href, bool Filled);

/// <summary>
/// The parts of a partial draft that the import could not read. The import's audit line records
/// them with the source lines they stood on (`留待填写：表3（第 120–134 行）；说明5.3（…）`); the
/// draft's page lists them with a link to each form and whether it has been filled in since.
/// </summary>
public static partial class ImportGaps
{
    private const string Marker = "留待填写：";

    /// <summary>The audit line of an import: the file, the department and year, what was read and inferred, and the parts left for an officer.</summary>
    public static string Detail(string file, ImportResult result)
    {
        var report = result.Report;
        var doc = result.Document!;
        var head = $"导入 {file}：{doc.Department.Name} {doc.FiscalYear} 年，{Summary(result)}";
        if (report.Succeeded) return head;
        var parts = report.FailedParts.Select(p => $"{p}（{Where(report, p)}）");
        return $"{head}；{Marker}{string.Join("；", parts)}";
    }

    /// <summary>What an import read, inferred and left: `读出 30 部分，推断 55 处，留待填写 2 部分（表3、说明5.3）`.</summary>
    public static string Summary(ImportResult result)
    {
        var report = result.Report;
        var read = report.Recognised.Select(n => n.Part).Distinct().Count(p => !report.FailedParts.Contains(p) && p != "文档结构");
        var left = report.FailedParts;
        return $"读出 {read} 部分，推断 {report.Inferred.Count()} 处，留待填写 {left.Count} 部分{(left.Count > 0 ? $"（{string.Join("、", left)}）" : "")}";
    }

    private static string Where(ImportReport report, string part)
    {
        var numbers = report.Unreadable.Where(n => n.Part == part).SelectMany(n => n.Lines ?? [])
            .Select(l => LineNumber().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return numbers.Count == 0 ? "文件中未找到" : numbers.Min() == numbers.Max() ? $"第 {numbers.Min()} 行" : $"第 {numbers.Min()}–{numbers.Max()} 行";
    }

    /// <summary>The gaps an import's audit line names, each with its form and whether the draft has it by now.</summary>
    public static IReadOnlyList<ImportGap> Of(string? detail, Disclosure d)
    {
        var at = detail?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (detail is null || at < 0) return [];
        return detail[(at + Marker.Length)..].Split('；', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => GapText().Match(g)).Where(m => m.Success)
            .Select(m => new ImportGap(m.Groups[1].Value, m.Groups[2].Value, Href(d.Id, m.Groups[1].Value), IsFilled(d, m.Groups[1].Value)))
            .ToList();
    }

    /// <summary>The form where an officer completes a part.</summary>
    public static string Href(int id, string part)
    {
        var root = $"/workspace/disclosures/{id}";
        if (TablePart().Match(part) is { Success: true } t) return $"{root}/tables/{t.Groups[1].Value}";
        if (part.StartsWith("说明", StringComparison.Ordinal) && part.Length > 2) return $"{root}/notes/{part[2..].Split('.')[0]}";
        if (part == "部门整体绩效目标表") return $"{root}/sheets/0";
        if (part.StartsWith("项目支出绩效目标表", StringComparison.Ordinal)) return $"{root}/sheets/{part["项目支出绩效目标表".Length..]}";
        if (part == "落款") return $"{root}/sign-off";
        if (part == "第一部分") return $"{root}/overview";
        return root;
    }

    /// <summary>Whether a part left by the import holds something now (rows or the empty-table sentence, a section's text, the sheet, the sign-off).</summary>
    public static bool IsFilled(Disclosure d, string part)
    {
        if (TablePart().Match(part) is { Success: true } t && Enum.IsDefined(typeof(TableKind), int.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture)))
        {
            var table = d.Table((TableKind)int.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture));
            return table.Rows.Count > 0 || table.EmptyText is not null;
        }
        if (part.StartsWith("说明", StringComparison.Ordinal))
            return d.Notes.FirstOrDefault(n => n.Key == part[2..]) is { } note && note.Paragraphs.Count > 0;
        if (part == "部门整体绩效目标表") return d.PerformanceSheets.Any(s => s.Kind == SheetKind.Department);
        if (part.StartsWith("项目支出绩效目标表", StringComparison.Ordinal)
            && int.TryParse(part["项目支出绩效目标表".Length..], out var n))
            return d.PerformanceSheets.Count(s => s.Kind == SheetKind.Project) >= n;
        if (part == "落款") return d.SignOff.Name.Length > 0;
        if (part == "第一部分") return d.Overview.StructureText.Count > 0;
        return false;
    }

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"^(.+?)（(.*)）$")]
    private static partial Regex GapText();

    [GeneratedRegex(@"^表(\d{1,2})$")]
    private static partial Regex TablePart();
}

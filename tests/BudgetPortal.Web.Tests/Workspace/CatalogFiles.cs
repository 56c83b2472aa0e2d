using System.Text;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>Catalog files as the finance ministry publishes them, written by the tests.</summary>
public static class CatalogFiles
{
    /// <summary>The 2026 功能分类 catalog the tests load: 2025's seed catalog plus 201 13 商贸事务 and 201 13 50 事业运行.</summary>
    public static readonly (string Code, string Name)[] Added2026 = [("20113", "商贸事务"), ("2011350", "事业运行")];

    public static IReadOnlyList<(string Code, string Name)> Seed(string scheme, int year) =>
        File.ReadLines(Path.Combine(Repo.Seeds, "classification", $"{scheme}-{year}.tsv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t')).Select(p => (p[0], p[1])).ToList();

    public static IReadOnlyList<(string Code, string Name)> Functional2026 =>
        Seed("functional", 2025).Concat(Added2026).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();

    /// <summary>
    /// A UTF-8 CSV with a title line above the header, codes written 201, 201 13 and 201-13-50, names
    /// indented by level with ideographic spaces and a “其中：” before 事业运行, and a 级次 column.
    /// </summary>
    public static byte[] Functional2026Csv()
    {
        var csv = new StringBuilder();
        csv.Append("2026年政府收支分类科目（支出功能分类科目）,,\r\n");
        csv.Append("科目编码,科目名称,级次\r\n");
        foreach (var (code, name) in Functional2026)
        {
            var written = code.Length switch { 5 => $"{code[..3]} {code[3..]}", 7 => $"{code[..3]}-{code[3..5]}-{code[5..]}", _ => code };
            var indent = new string('\u3000', (code.Length - 3));
            var shown = code == "2011350" ? "其中：" + name : name;
            csv.Append($"{written},\"{indent}{shown}\",{(code.Length == 3 ? "类" : code.Length == 5 ? "款" : "项")}\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>A CSV of (编码, 名称) lines under a plain header.</summary>
    public static byte[] Csv(params (string Code, string Name)[] lines) =>
        Encoding.UTF8.GetBytes("编码,名称\n" + string.Concat(lines.Select(l => $"{l.Code},{l.Name}\n")));
}

using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Compliance;

/// <summary>An item of the checklist a published version does not meet, and what exactly is missing.</summary>
public sealed record ChecklistFinding(ChecklistItem Item, string Detail);

/// <summary>
/// Reads the checklist off a published version: every item it fails, with what is missing. Every item is
/// read, whatever a region requires — the findings are facts about the version, stored once when it is
/// published (a published version never changes); the rules choose which of them count.
/// </summary>
public static class DisclosureChecklist
{
    public const int MaxDetailLength = 500;

    public static IReadOnlyList<ChecklistFinding> Failures(Disclosure d)
    {
        var found = new List<ChecklistFinding>();
        void Fail(ChecklistItem item, string detail) =>
            found.Add(new ChecklistFinding(item, detail.Length <= MaxDetailLength ? detail : detail[..(MaxDetailLength - 1)] + "…"));

        var stored = d.Tables.Select(t => t.Kind).ToHashSet();
        var missing = new List<string>();
        if (d.Overview.Functions.Count == 0 && d.Overview.StructureText.Count == 0) missing.Add("部门概况");
        missing.AddRange(TableSchemas.All.Where(k => !stored.Contains(k)).Select(k => $"表{(int)k}"));
        if (d.Notes.Count == 0) missing.Add("情况说明");
        if (d.DepartmentSheet is null) missing.Add("部门整体绩效目标表");
        if (missing.Count > 0) Fail(ChecklistItem.PartsPresent, "缺少" + string.Join("、", missing));

        var unexplained = d.Tables.Where(t => t.IsEmpty && string.IsNullOrWhiteSpace(t.EmptyText)).Select(t => $"表{t.Number}").ToList();
        if (unexplained.Count > 0) Fail(ChecklistItem.EmptyTablesExplained, string.Join("、", unexplained) + "为空表，没有说明");

        Section(ChecklistItem.ThreePublicSection, "10");
        Section(ChecklistItem.RunningCostsSection, "12.1");
        Section(ChecklistItem.ProcurementSection, "12.2");
        Section(ChecklistItem.AssetsSection, "12.3");

        // A sheet names its project as 表7 does, sometimes with more words (援疆工作经费 → 援疆工作经费项目).
        var sheets = d.ProjectSheets.Select(s => Normal(s.Name)).Where(n => n.Length > 0).ToList();
        var projects = d.Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project)
            .Select(r => r.Project ?? r.Name ?? r.Code ?? "").Where(p => p.Length > 0).Distinct().ToList();
        var without = projects.Where(p => !sheets.Any(s => s.Contains(Normal(p), StringComparison.Ordinal) || Normal(p).Contains(s, StringComparison.Ordinal))).ToList();
        if (without.Count > 0)
            Fail(ChecklistItem.ProjectTargets, $"表7的 {projects.Count} 个项目中有 {without.Count} 个没有项目支出绩效目标表：" +
                string.Join("、", without.Take(5).Select(p => $"“{TextLimits.Preview(p)}”")) + (without.Count > 5 ? " 等" : ""));

        if (d.Version > 1 && string.IsNullOrWhiteSpace(d.CorrectionReason))
            Fail(ChecklistItem.CorrectionReasons, $"第 {d.Version} 版更正了上一版，没有说明原因");
        return found;

        void Section(ChecklistItem item, string key)
        {
            var note = d.Note(key);
            if (note is null || (note.Paragraphs.All(string.IsNullOrWhiteSpace) && note.Lines.Count == 0))
                Fail(item, $"情况说明没有“{NoteKeys.Title(key, d.DepartmentName, d.FiscalYear)}”");
        }
    }

    /// <summary>A project's name as compared between 表7 and its sheet: without spaces and quotes.</summary>
    private static string Normal(string name) =>
        new(name.Where(c => !char.IsWhiteSpace(c) && c is not ('“' or '”' or '"')).ToArray());
}

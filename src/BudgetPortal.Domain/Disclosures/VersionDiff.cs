using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Disclosures;

/// <summary>A cell that differs between two versions (null: blank, or the row is not there).</summary>
public sealed record CellChange(int Table, string Row, string Column, decimal? Before, decimal? After);

/// <summary>A part of the text that differs between two versions.</summary>
public sealed record TextChange(string Part, string? Before, string? After);

/// <summary>
/// What changed from one version of a disclosure to the next: every table cell (matched by row
/// identity and column key), the notes paragraph by paragraph, the overview, the sheets and the
/// sign-off. Shown publicly with the version history, so a correction's effect is visible.
/// </summary>
public sealed class VersionDiff
{
    public required IReadOnlyList<CellChange> Cells { get; init; }
    public required IReadOnlyList<TextChange> Texts { get; init; }
    public bool IsEmpty => Cells.Count == 0 && Texts.Count == 0;

    public static VersionDiff Between(Disclosure before, Disclosure after)
    {
        var cells = new List<CellChange>();
        foreach (var kind in TableSchemas.All)
        {
            var schema = after.Schema(kind);
            var old = Rows(before.Table(kind), before.Schema(kind));
            var now = Rows(after.Table(kind), schema);
            foreach (var id in old.Keys.Union(now.Keys))
            {
                old.TryGetValue(id, out var o);
                now.TryGetValue(id, out var n);
                var label = (n ?? o)!.Label;
                foreach (var column in schema.Columns)
                {
                    var a = o?.Row[column.Key];
                    var b = n?.Row[column.Key];
                    if (a != b) cells.Add(new CellChange((int)kind, label, column.Header, a, b));
                }
            }
        }

        var texts = new List<TextChange>();
        void Compare(string part, string? a, string? b)
        {
            if (!string.Equals(a ?? "", b ?? "", StringComparison.Ordinal)) texts.Add(new TextChange(part, a, b));
        }
        foreach (var kind in TableSchemas.All)
            Compare($"表{(int)kind} 空表说明", before.Table(kind).EmptyText, after.Table(kind).EmptyText);
        foreach (var kind in TableSchemas.All)
        {
            var old = Rows(before.Table(kind), before.Schema(kind));
            var now = Rows(after.Table(kind), after.Schema(kind));
            foreach (var id in old.Keys.Intersect(now.Keys))
                Compare($"表{(int)kind} {now[id].Label} 名称", old[id].Row.Name, now[id].Row.Name);
        }
        Compare("主要职能", string.Join("\n", before.Overview.Functions), string.Join("\n", after.Overview.Functions));
        Compare("机构设置及人员情况", string.Join("\n", before.Overview.StructureText), string.Join("\n", after.Overview.StructureText));
        var keys = before.Notes.Select(n => n.Key).Union(after.Notes.Select(n => n.Key)).OrderBy(k => NoteKeys.All.ToList().IndexOf(k));
        foreach (var key in keys)
        {
            var a = before.Note(key)?.Paragraphs ?? [];
            var b = after.Note(key)?.Paragraphs ?? [];
            for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                Compare($"情况说明{NoteKeys.Label(key)} 第 {i + 1} 段", i < a.Count ? a[i] : null, i < b.Count ? b[i] : null);
        }
        var sheets = Math.Max(before.PerformanceSheets.Count, after.PerformanceSheets.Count);
        for (var i = 0; i < sheets; i++)
        {
            var a = i < before.PerformanceSheets.Count ? before.PerformanceSheets[i] : null;
            var b = i < after.PerformanceSheets.Count ? after.PerformanceSheets[i] : null;
            Compare($"{(b ?? a)!.Title}“{(b ?? a)!.Name}”", Describe(a), Describe(b));
        }
        Compare("落款", $"{before.SignOff.Name} {before.SignOff.Text}", $"{after.SignOff.Name} {after.SignOff.Text}");
        return new VersionDiff { Cells = cells, Texts = texts };
    }

    private sealed record Identified(string Label, TableRow Row);

    private static Dictionary<string, Identified> Rows(BudgetTable table, TableSchema schema)
    {
        var result = new Dictionary<string, Identified>();
        var projects = 0;
        foreach (var row in table.Rows)
        {
            if (row.Kind == RowKind.Project) projects++;
            var id = RowId.Of(row, projects).ToString();
            var label = schema.RowLabel(row);
            result.TryAdd(id, new Identified(label, row));
        }
        return result;
    }

    private static string? Describe(PerformanceSheet? sheet) => sheet is null ? null :
        $"{sheet.Goal} | " + string.Join("；", sheet.Indicators.Select(i => $"{i.Level3} {i.Value} {i.Weight}"));
}

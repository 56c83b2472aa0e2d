using System.Globalization;
using System.Text.Json.Nodes;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;

namespace BudgetPortal.Domain.Tests.Import.Corpus;

/// <summary>How one part of a variant came out of the import.</summary>
public enum PartOutcome
{
    /// <summary>Read, equal to the transcription (whitespace and the width of punctuation aside).</summary>
    Exact,
    /// <summary>Not read: listed in the import report as a part an officer completes.</summary>
    Flagged,
    /// <summary>Not listed as unread, yet not equal: a text or a missing figure (no figure placed is wrong).</summary>
    Differs,
    /// <summary>A figure placed that is not the transcription's: what must never happen.</summary>
    WrongFigure,
}

public sealed record PartScore(string Part, PartOutcome Outcome, IReadOnlyList<string> Differences);

/// <summary>
/// Scores an import of a variant part by part against its transcription: 概况, each table, each note
/// section, each performance sheet, the sign-off and the cover. A part is exact, flagged (the report
/// lists it), different without being flagged, or holds a wrong figure (a number placed where the
/// transcription has another number or none).
/// </summary>
public static class VariantScore
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public static IReadOnlyList<PartScore> Score(ImportResult result, DisclosureDocument truth)
    {
        var expected = DocumentComparison.Normalised(truth)!.AsObject();
        var actual = result.Document is { } doc ? DocumentComparison.Normalised(doc)!.AsObject() : null;
        var failed = result.Report.FailedParts.ToHashSet();
        var whole = failed.Overlaps(["文档结构", "文档", "文件"]) || actual is null;
        var scores = new List<PartScore>();

        void Part(string name, string path, JsonNode? e, JsonNode? a, params string[] reportNames)
        {
            var flagged = whole || reportNames.Append(name).Any(failed.Contains);
            var leaves = new List<(string Path, JsonNode? E, JsonNode? A)>();
            Leaves(path, e, a, leaves);
            var diffs = leaves.Where(l => !Same(l.E, l.A)).ToList();
            // A number placed that is not the transcription's; a flagged part's zeros are the empty form's (人员 counts cannot be blank).
            var wrong = diffs.Where(l => l.A is JsonValue av && av.GetValueKind() == System.Text.Json.JsonValueKind.Number
                                         && !(flagged && av.GetValue<decimal>() == 0m)).ToList();
            var outcome = diffs.Count == 0 ? PartOutcome.Exact : wrong.Count > 0 ? PartOutcome.WrongFigure : flagged ? PartOutcome.Flagged : PartOutcome.Differs;
            scores.Add(new PartScore(name, outcome, (wrong.Count > 0 ? wrong : diffs).Take(6)
                .Select(d => $"{d.Path}: 应为 {d.E?.ToJsonString(Json) ?? "（无）"}，读出 {d.A?.ToJsonString(Json) ?? "（无）"}").ToList()));
        }

        Part("部门与年度", ".department", new JsonArray(expected["department"]!["name"]!.DeepClone(), expected["fiscalYear"]!.DeepClone()),
            actual is null ? null : new JsonArray(actual["department"]!["name"]!.DeepClone(), actual["fiscalYear"]!.DeepClone()));
        Part("封面", ".hasCover", expected["hasCover"], actual?["hasCover"]);
        Part("概况", ".overview", expected["overview"], actual?["overview"], "第一部分");
        for (var n = 1; n <= 11; n++)
        {
            var key = n.ToString(CultureInfo.InvariantCulture);
            Part($"表{n}", $".tables.{key}", expected["tables"]?[key], actual?["tables"]?[key]);
        }
        var expectedNotes = expected["notes"]!.AsArray();
        foreach (var note in expectedNotes)
        {
            var key = (string)note!["key"]!;
            var other = actual?["notes"]?.AsArray().FirstOrDefault(x => (string?)x?["key"] == key);
            Part($"说明{key}", $".notes[{key}]", note, other, "第三部分");
        }
        Part("部门整体绩效目标表", ".performance.department", expected["performance"]?["department"], actual?["performance"]?["department"]);
        var projects = expected["performance"]?["projects"]?.AsArray() ?? [];
        for (var i = 0; i < projects.Count; i++)
            Part($"项目支出绩效目标表{i + 1}", $".performance.projects[{i}]", projects[i],
                actual?["performance"]?["projects"]?.AsArray().FirstOrDefault(p => Loose((string?)p?["name"] ?? "") == Loose((string?)projects[i]?["name"] ?? "")));
        Part("落款", ".signOff", expected["signOff"], actual?["signOff"]);
        return scores;
    }

    private static void Leaves(string path, JsonNode? e, JsonNode? a, List<(string, JsonNode?, JsonNode?)> leaves)
    {
        switch (e, a)
        {
            case (null, null): return;
            case (JsonObject oe, JsonObject oa):
                foreach (var key in oe.Select(p => p.Key).Union(oa.Select(p => p.Key)))
                    Leaves($"{path}.{key}", oe[key], oa[key], leaves);
                return;
            case (JsonObject oe, null):
                foreach (var p in oe) Leaves($"{path}.{p.Key}", p.Value, null, leaves);
                return;
            case (null, JsonObject oa):
                foreach (var p in oa) Leaves($"{path}.{p.Key}", null, p.Value, leaves);
                return;
            case (JsonArray xe, JsonArray xa):
                for (var i = 0; i < Math.Max(xe.Count, xa.Count); i++)
                    Leaves($"{path}[{i}]", i < xe.Count ? xe[i] : null, i < xa.Count ? xa[i] : null, leaves);
                return;
            case (JsonArray xe, null):
                for (var i = 0; i < xe.Count; i++) Leaves($"{path}[{i}]", xe[i], null, leaves);
                return;
            case (null, JsonArray xa):
                for (var i = 0; i < xa.Count; i++) Leaves($"{path}[{i}]", null, xa[i], leaves);
                return;
            default:
                leaves.Add((path, e, a));
                return;
        }
    }

    private static bool Same(JsonNode? e, JsonNode? a)
    {
        if (e is null || a is null) return e is null && a is null;
        if (e is JsonValue ve && a is JsonValue va && ve.TryGetValue<string>(out var se) && va.TryGetValue<string>(out var sa))
            return Loose(se) == Loose(sa);
        return e.ToJsonString() == a.ToJsonString();
    }

    private static string Loose(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)).Select(DocumentComparison.FullWidth));
}

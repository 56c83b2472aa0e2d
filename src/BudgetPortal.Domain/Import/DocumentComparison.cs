using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// Compares two disclosures in the file form field by field: every table cell, every row's
/// kind/code/name/project, every note paragraph, line and figure, every sheet field and indicator,
/// the overview and the sign-off. Both are first put through the domain model, so what the file
/// form leaves implicit (a row's kind) is compared as stored. Amounts compare as printed (`10.00`
/// differs from `10.0`). The file name (`source`) and the department code are not compared.
/// </summary>
public static class DocumentComparison
{
    /// <summary>
    /// What a printed PDF cannot give back, and so a round trip through print and `pdftotext -layout`
    /// compares loosely: a space the text had where the print wrapped the line (the break takes it),
    /// and whether the published original had a cover (the portal's print always has one).
    /// </summary>
    /// <param name="IgnorePunctuationWidth">Text compared with full-width and half-width punctuation alike
    /// (`，` and `,`, `（` and `(` …): another office's text may print either (the variation corpus swaps them).</param>
    public sealed record Options(bool IgnoreWhitespaceInText = false, bool IgnoreCover = false, bool IgnorePunctuationWidth = false)
    {
        public static readonly Options Exact = new();
        public static readonly Options Printed = new(IgnoreWhitespaceInText: true, IgnoreCover: true);
        /// <summary>Text as another office may type it: whitespace and the width of punctuation aside.</summary>
        public static readonly Options Retyped = new(IgnoreWhitespaceInText: true, IgnorePunctuationWidth: true);
    }

    public static IReadOnlyList<string> Differences(DisclosureDocument expected, DisclosureDocument actual, int max = 50, Options? options = null)
    {
        var diffs = new List<string>();
        Walk("", Normalised(expected), Normalised(actual), diffs, max, options ?? Options.Exact);
        return diffs;
    }

    /// <summary>The differences between two parts of normalised documents (<see cref="Normalised"/>), their paths starting at path.</summary>
    public static IReadOnlyList<string> Differences(string path, JsonNode? expected, JsonNode? actual, int max = 50, Options? options = null)
    {
        var diffs = new List<string>();
        Walk(path, expected, actual, diffs, max, options ?? Options.Exact);
        return diffs;
    }

    /// <summary>A document as stored (put through the domain model), as JSON: what the comparison walks.</summary>
    public static JsonNode? Normalised(DisclosureDocument doc) => Node(Normalise(doc));

    private static DisclosureDocument Normalise(DisclosureDocument doc)
    {
        var d = new Disclosure(new Department("compare", doc.Department.Name), doc.FiscalYear);
        // Both sides through the same model, without a catalog: the notes compared are the documents' own.
        doc.ApplyTo(d, null);
        var result = d.ToDocument();
        result.Source = null;
        result.Department.Code = "";
        return result;
    }

    private static JsonNode? Node(DisclosureDocument doc) => JsonNode.Parse(doc.ToJson());

    private static string Loose(string s, Options options)
    {
        var chars = options.IgnoreWhitespaceInText ? s.Where(c => !char.IsWhiteSpace(c)) : s;
        return string.Concat(options.IgnorePunctuationWidth ? chars.Select(FullWidth) : chars);
    }

    /// <summary>The full-width form of a half-width punctuation mark that Chinese text prints either way.</summary>
    public static char FullWidth(char c) => c switch
    {
        ',' => '，', ':' => '：', ';' => '；', '(' => '（', ')' => '）', '%' => '％', '?' => '？', '!' => '！',
        _ => c,
    };

    private static void Walk(string path, JsonNode? a, JsonNode? b, List<string> diffs, int max, Options options)
    {
        if (diffs.Count >= max) return;
        if (options.IgnoreCover && path == ".hasCover") return;
        switch (a, b)
        {
            case (null, null): return;
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                    Walk($"{path}.{key}", oa[key], ob[key], diffs, max, options);
                return;
            case (JsonArray xa, JsonArray xb):
                for (var i = 0; i < Math.Max(xa.Count, xb.Count); i++)
                    Walk($"{path}[{i}]", i < xa.Count ? xa[i] : null, i < xb.Count ? xb[i] : null, diffs, max, options);
                return;
            default:
                var sa = a?.ToJsonString(DisclosureDocument.JsonOptions);
                var sb = b?.ToJsonString(DisclosureDocument.JsonOptions);
                if ((options.IgnoreWhitespaceInText || options.IgnorePunctuationWidth) && a is JsonValue va && b is JsonValue vb
                    && va.TryGetValue<string>(out var ta) && vb.TryGetValue<string>(out var tb)
                    && Loose(ta, options) == Loose(tb, options))
                    return;
                if (sa != sb) diffs.Add($"{path}: 应为 {sa ?? "（无）"}，读出 {sb ?? "（无）"}");
                return;
        }
    }
}

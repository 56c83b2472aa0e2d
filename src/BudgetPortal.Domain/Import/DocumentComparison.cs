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
    public static IReadOnlyList<string> Differences(DisclosureDocument expected, DisclosureDocument actual, int max = 50)
    {
        var diffs = new List<string>();
        Walk("", Node(Normalise(expected)), Node(Normalise(actual)), diffs, max);
        return diffs;
    }

    private static DisclosureDocument Normalise(DisclosureDocument doc)
    {
        var d = new Disclosure(new Department("compare", doc.Department.Name), doc.FiscalYear);
        doc.ApplyTo(d);
        var result = d.ToDocument();
        result.Source = null;
        result.Department.Code = "";
        return result;
    }

    private static JsonNode? Node(DisclosureDocument doc) => JsonNode.Parse(doc.ToJson());

    private static void Walk(string path, JsonNode? a, JsonNode? b, List<string> diffs, int max)
    {
        if (diffs.Count >= max) return;
        switch (a, b)
        {
            case (null, null): return;
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                    Walk($"{path}.{key}", oa[key], ob[key], diffs, max);
                return;
            case (JsonArray xa, JsonArray xb):
                for (var i = 0; i < Math.Max(xa.Count, xb.Count); i++)
                    Walk($"{path}[{i}]", i < xa.Count ? xa[i] : null, i < xb.Count ? xb[i] : null, diffs, max);
                return;
            default:
                var sa = a?.ToJsonString(DisclosureDocument.JsonOptions);
                var sb = b?.ToJsonString(DisclosureDocument.JsonOptions);
                if (sa != sb) diffs.Add($"{path}: 应为 {sa ?? "（无）"}，读出 {sb ?? "（无）"}");
                return;
        }
    }
}

using System.Text.Json;
using BudgetPortal.Domain.Disclosures;
using System.Text.Json.Nodes;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;

namespace BudgetPortal.Web.Api;

/// <summary>The read-only JSON API (docs/api.md).</summary>
public static class PublicApi
{
    public static void MapPublicApi(this IEndpointRouteBuilder app)
    {
        // Rate limited first, then answered from the output cache until something is published.
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy).CacheOutput(PublishedContent.Policy);

        api.MapGet("/openapi.json", (HttpContext http) => Json(http, OpenApiDocument.Value));
        api.MapClassificationApi();

        api.MapGet("/departments", async (HttpContext http, DisclosureReader reader, CancellationToken ct) =>
        {
            var departments = await reader.DepartmentsAsync(ct: ct);
            return Json(http, new JsonArray(departments.Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Code,
                ["name"] = d.Name,
                ["years"] = new JsonArray(d.Years.Select(y => (JsonNode)JsonValue.Create(y.Year)).ToArray()),
            }).ToArray()));
        });

        api.MapGet("/disclosures/{code}/{year:int}", async (HttpContext http, string code, int year, DisclosureReader reader, CancellationToken ct) =>
        {
            var disclosure = await reader.PublishedAsync(code, year, ct);
            if (disclosure is null)
                return ApiProblems.Result(StatusCodes.Status404NotFound, $"没有找到部门“{code}” {year} 年已发布的预算公开。");

            var node = JsonSerializer.SerializeToNode(disclosure.ToDocument(), DisclosureDocument.JsonOptions)!.AsObject();
            node["version"] = disclosure.Version;
            node["status"] = JsonNamingPolicy.CamelCase.ConvertName(disclosure.Status.ToString());
            node["publishedAt"] = disclosure.PublishedAt;
            node["correctionReason"] = disclosure.CorrectionReason;
            node["unit"] = "万元";
            node["tableSchemas"] = Schemas(year);
            var glossary = await reader.GlossaryAsync(year, ct);
            node["glossary"] = new JsonArray(glossary.Select(g => (JsonNode)new JsonObject
            {
                ["number"] = g.Numeral, ["term"] = g.Term, ["text"] = g.Text,
            }).ToArray());
            var checks = disclosure.FrozenChecks ?? ConsistencyChecks.Run(disclosure);
            node["checkSummary"] = new JsonObject
            {
                ["errors"] = checks.Errors, ["rounding"] = checks.RoundingGaps, ["warnings"] = checks.Warnings,
                ["comparisons"] = checks.Results.Count,
            };
            return Json(http, node);
        });

        api.MapGet("/disclosures/{code}/{year:int}/checks", async (HttpContext http, string code, int year, DisclosureReader reader, CancellationToken ct) =>
        {
            var disclosure = await reader.PublishedAsync(code, year, ct);
            if (disclosure is null)
                return ApiProblems.Result(StatusCodes.Status404NotFound, $"没有找到部门“{code}” {year} 年已发布的预算公开。");
            var report = disclosure.FrozenChecks ?? ConsistencyChecks.Run(disclosure);
            return Json(http, new JsonArray(report.Results.Select(r => (JsonNode)new JsonObject
            {
                ["rule"] = r.Rule,
                ["severity"] = r.Severity.ToString().ToLowerInvariant(),
                ["outcome"] = r.Outcome.ToString().ToLowerInvariant(),
                ["message"] = r.Message,
                ["location"] = r.Location,
            }).ToArray()));
        });
    }

    private static JsonObject Schemas(int year)
    {
        var result = new JsonObject();
        foreach (var schema in TableSchemas.ForYear(year))
        {
            result[schema.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["title"] = schema.Title,
                ["layout"] = JsonNamingPolicy.CamelCase.ConvertName(schema.Layout.ToString()),
                ["columns"] = new JsonArray(schema.Columns.Select(c => (JsonNode)new JsonObject
                {
                    ["key"] = c.Key, ["header"] = c.Header, ["number"] = c.Number,
                }).ToArray()),
                ["headerRows"] = new JsonArray(schema.HeaderRows.Select(r => (JsonNode)new JsonArray(r.Select(h => (JsonNode)new JsonObject
                {
                    ["text"] = h.Text, ["colSpan"] = h.ColSpan, ["rowSpan"] = h.RowSpan,
                }).ToArray())).ToArray()),
                ["numberingRow"] = schema.NumberingRow is null ? null : new JsonArray(schema.NumberingRow.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                ["fixedRows"] = new JsonArray(schema.FixedRows.Select(f => (JsonNode)new JsonObject { ["key"] = f.Key, ["label"] = f.Label }).ToArray()),
                ["expenditureCategories"] = new JsonArray(schema.ExpenditureCategories.Select(f => (JsonNode)new JsonObject { ["code"] = f.Key, ["name"] = f.Label }).ToArray()),
            };
        }
        return result;
    }

    public const string RateLimitPolicy = "api";

    /// <summary>The OpenAPI description of this API (Api/openapi.json, embedded).</summary>
    private static readonly Lazy<JsonNode> OpenApiDocument = new(() =>
    {
        using var stream = typeof(PublicApi).Assembly.GetManifestResourceStream("BudgetPortal.Web.Api.openapi.json")
                           ?? throw new InvalidOperationException("openapi.json is not embedded");
        return JsonNode.Parse(stream)!;
    });

    /// <summary>
    /// JSON with an ETag (a hash of the bytes) and caching headers; a matching If-None-Match gets
    /// 304 with no body, so clients and proxies re-use what they have.
    /// </summary>
    internal static IResult Json(HttpContext http, JsonNode node)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(DisclosureDocument.JsonOptions));
        var etag = "\"" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes)[..16])
            .TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=300";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}

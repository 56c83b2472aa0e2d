using System.Text.Json.Serialization;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Infrastructure;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BudgetPortal.Web.Api;

/// <summary>
/// The OpenAPI document at /api/v1/openapi.json, generated (Microsoft.AspNetCore.OpenApi) from the
/// endpoints and the types they return — the JSON API and the downloads — and the Scalar reference
/// page that reads it at /api/reference (/api itself is the portal's page about the API). What the
/// endpoints cannot say about themselves is added here: the licence, the server, <c>security: []</c>
/// (the API is public: no key, no sign-in), the tags, and Chinese descriptions of each answer.
/// Redocly CLI lints the document in the tests (OpenApiLintTests).
/// </summary>
public static class ApiDocument
{
    public const string DocumentPath = "/api/v1/openapi.json";
    public const string ReferencePath = "/api/reference";
    public const string DisclosuresTag = "预算公开";
    public const string ClassificationTag = "分类科目";
    public const string DownloadsTag = "下载";

    private const string Description = """
        部门预算公开平台上所有已发布的部门预算公开都可以用程序读取：只读、无需登录（没有任何认证方式）、返回 UTF-8 编码的 JSON。
        金额单位为万元，按公开时的精度给出；表中空白（零）的单元格不出现。每个年度给出最新发布的版本；更正前的每一个版本也可在它自己的地址读取（`…/versions/{version}`）。

        **缓存与条件请求**：`/api/v1/` 下的每个响应都带 `ETag`（内容的指纹）和 `Cache-Control: public, max-age=300`；
        再次请求时带上 `If-None-Match`，内容没有变化就返回 `304 Not Modified`，不再传输内容。PDF 同样带 `ETag`（文件的 SHA-256）。

        **频率限制**：每个客户端地址每分钟的请求数有限制（默认 600 次，由缓存直接回答的请求不计），超出时返回 `429`，`Retry-After` 头给出等待的秒数。
        批量取数请用年度数据包 `/downloads/{year}.zip`。

        **错误**：`/api/` 下的每一种失败都返回 RFC 7807 问题详情（`application/problem+json`），`title` 和 `detail` 是中文说明；
        `405` 表示使用了 GET 以外的方法（接口只读）；`503` 表示数据库暂时无法访问，按 `Retry-After` 的秒数后重试。
        下载地址（CSV、Excel、PDF、数据包）不存在时返回中文的 HTML 错误页。
        """;

    /// <summary>The route and query parameters, the same in every endpoint that has them.</summary>
    private static readonly Dictionary<string, string> ParameterDescriptions = new()
    {
        ["code"] = "部门代码，例如 jjxz",
        ["year"] = "预算年度，例如 2025",
        ["n"] = "表号，1–11",
        ["table"] = "表号，1–11",
        ["version"] = "版本号：第一次发布为 1，每次更正加 1",
        ["scheme"] = "functional（支出功能分类）或 economic（部门预算支出经济分类）",
        ["q"] = "编码（按前缀）或名称的一部分，至多 50 个字符",
        ["parent"] = "主管部门代码：只列出该主管部门及其所属单位",
        ["status"] = "公开状态：NotSubmitted（未提交）、InReview（审核中）、Published（已公开）、PublishedLate（逾期公开）、Overdue（逾期未公开）",
        ["sort"] = "排序栏目：name、parent、approved、status、days、complete、errors、warnings",
        ["dir"] = "排序方向：asc（升序，默认）或 desc（降序）",
    };

    /// <summary>A download's operation: its id, summary, tag, the file type of a 200 and the 404 (an HTML page outside /api).</summary>
    public static RouteHandlerBuilder DescribedAsDownload(this RouteHandlerBuilder endpoint, string operationId, string summary, string description, string contentType) =>
        endpoint.WithName(operationId).WithSummary(summary).WithDescription(description).WithTags(DownloadsTag)
            .Produces(StatusCodes.Status200OK, typeof(Stream), contentType)
            .Produces(StatusCodes.Status404NotFound, contentType: "text/html");

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        // The API's answers are written with the options of the file form (DisclosureDocument.JsonOptions),
        // and the document describes them with the same ones.
        services.ConfigureHttpJsonOptions(o =>
        {
            var file = DisclosureDocument.JsonOptions;
            o.SerializerOptions.WriteIndented = file.WriteIndented;
            o.SerializerOptions.IndentSize = file.IndentSize;
            o.SerializerOptions.DefaultIgnoreCondition = file.DefaultIgnoreCondition;
            o.SerializerOptions.Encoder = file.Encoder;
            foreach (var converter in file.Converters) o.SerializerOptions.Converters.Add(converter);
            // The API only writes: numbers are numbers (the web default also reads them from strings,
            // which would make the document say "integer or string").
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return services.AddOpenApi(o =>
        {
            o.DescribeRecords();
            o.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "部门预算公开平台 数据接口",
                    Version = "1.0.0",
                    Description = Description,
                    License = new OpenApiLicense
                    {
                        // As the year's data package says (FiscalDataPackage: other-pd, 政府信息公开).
                        Name = "政府信息公开（公共领域）",
                        Url = new Uri("https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm"),
                    },
                };
                foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
                document.Tags = new HashSet<OpenApiTag>
                {
                    new() { Name = DisclosuresTag, Description = "已发布的部门预算公开、部门列表和数据核验" },
                    new() { Name = ClassificationTag, Description = "支出功能分类和部门预算支出经济分类的科目查找" },
                    new() { Name = DownloadsTag, Description = "文件下载：每张表的 CSV、Excel 工作簿、正式 PDF 和年度数据包" },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                // Public: no operation needs a key or a sign-in, and each says so with an empty `security: []`
                // (an empty list at the document's root is left out when the document is written).
                operation.Security = [];
                foreach (var parameter in operation.Parameters ?? [])
                    if (parameter is OpenApiParameter p && p.Name is { } name && ParameterDescriptions.TryGetValue(name, out var said))
                        p.Description ??= said;
                // The answers in the order of their status: 200, 304, then the failures.
                if (operation.Responses is { } responses)
                {
                    var ordered = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
                    responses.Clear();
                    foreach (var (status, response) in ordered) responses.Add(status, response);
                }
                foreach (var (status, response) in operation.Responses ?? [])
                    if (response is OpenApiResponse answer && int.TryParse(status, out var code))
                        answer.Description = code switch
                        {
                            200 => "成功",
                            304 => "内容没有变化（If-None-Match 与 ETag 相同），没有正文",
                            _ => ApiProblems.Title(code),
                        };
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>The document (rate limited and cached like the API) and the reference page.</summary>
    public static void MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).RequireRateLimiting(PublicApi.RateLimitPolicy).CacheOutput(PublishedContent.Policy);
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("数据接口参考 · 部门预算公开平台")
            .WithOpenApiRoutePattern(DocumentPath)
            .WithLocalization(new ScalarLocalizationOptions { Locale = "zh-CN" })
            // Nothing from elsewhere: the script comes from the package, the fonts are the page's own,
            // and no telemetry, agent or MCP calls leave the page (SecurityHeaders.ReferencePolicy).
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .ForceLightMode()
            // Eight operations: all shown at once, not folded under their tags.
            .ExpandAllTags()
            // No links to Scalar's own services (share, SDK generation, deployment).
            .HideDeveloperTools()
            .WithNonce());
    }
}

using System.ComponentModel;
using BudgetPortal.Data;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetPortal.Web.Api;

/// <summary>The read-only JSON API (docs/api.md); its OpenAPI document is generated from these endpoints (ApiDocument).</summary>
public static class PublicApi
{
    public static void MapPublicApi(this IEndpointRouteBuilder app)
    {
        // Rate limited first, then answered from the output cache until something is published.
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy).CacheOutput(PublishedContent.Policy)
            .WithTags(ApiDocument.DisclosuresTag).ProducesApiProblems();
        api.MapClassificationApi();

        api.MapGet("/departments", async Task<Results<CachedJson<List<DepartmentListing>>, ProblemHttpResult>> (
            HttpContext http, DisclosureReader reader, CancellationToken ct,
            [Description("从此部门代码之后开始（上一页最后一个部门的代码；下一页的完整地址见响应头 Link）。")] string? after = null,
            [Description("每页部门数，1–500，默认 100。")] int? limit = null) =>
        {
            var size = limit ?? DepartmentPage;
            if (size is < 1 or > MaxDepartmentPage)
                return ApiProblems.Result(StatusCodes.Status400BadRequest, $"参数 limit 应为 1 到 {MaxDepartmentPage} 之间的整数，收到 {size}。");
            if (after is { Length: > Domain.Disclosures.Department.MaxCodeLength })
                return ApiProblems.Result(StatusCodes.Status400BadRequest, $"参数 after 应为部门代码（至多 {Domain.Disclosures.Department.MaxCodeLength} 个字符）。");
            // One more than asked says whether a next page exists.
            var page = await reader.DepartmentsAsync(ct: ct, after: after, limit: size + 1);
            if (page.Count > size)
                http.Response.Headers.Link = $"</api/v1/departments?after={Uri.EscapeDataString(page[size - 1].Code)}&limit={size}>; rel=\"next\"";
            return CachedJson.Of(page.Take(size).Select(d => new DepartmentListing(d.Code, d.Name, [.. d.Years.Select(y => y.Year)])).ToList());
        })
            .CacheOutput(PublishedContent.VaryByQuery("after", "limit"))
            .WithName("listDepartments").WithSummary("部门列表")
            .WithDescription("有已发布预算公开的部门：代码、名称、有公开的年度，按部门代码排序，每页至多 limit 个（默认 100）。" +
                             "还有下一页时，响应头 Link 给出它的地址（rel=\"next\"，RFC 8288）；没有 Link 即最后一页。");

        api.MapGet("/disclosures/{code}/{year:int}", async Task<Results<CachedJson<PublishedDisclosure>, ProblemHttpResult>> (
            string code, int year, DisclosureReader reader, CancellationToken ct) =>
            await reader.PublishedAsync(code, year, ct) is { } disclosure
                ? CachedJson.Of(await AnswerAsync(disclosure, reader, ct))
                : NotPublished(code, year))
        .WithName("getDisclosure").WithSummary("一个部门一个年度的预算公开")
        .WithDescription("该年度最新发布的版本：十一张表的每一行每一格、情况说明（原文和其中的数字）、绩效目标表、名词解释、表的结构和数据核验汇总。金额单位为万元，表中空白（零）的单元格不出现。" +
                         "更正前的各版本见 /api/v1/disclosures/{code}/{year}/versions。");

        api.MapGet("/disclosures/{code}/{year:int}/versions", async Task<Results<CachedJson<List<VersionListing>>, ProblemHttpResult>> (
            string code, int year, DisclosureReader reader, CancellationToken ct) =>
        {
            var versions = await reader.PublishedVersionsAsync(code, year, ct);
            if (versions.Count == 0) return NotPublished(code, year);
            return CachedJson.Of(versions.Select(v => VersionListing.Of(code, year, v, latest: v == versions[^1])).ToList());
        })
        .WithName("listVersions").WithSummary("一个年度的全部已发布版本")
        .WithDescription("第 1 版（首次发布）和其后的每一次更正，按版本号排序：发布时间、更正原因，以及该版本本身的网页、数据接口和正式文件 PDF 的地址。已发布的版本不会改动。");

        api.MapGet("/disclosures/{code}/{year:int}/versions/{version:int}", async Task<Results<CachedJson<PublishedDisclosure>, ProblemHttpResult>> (
            string code, int year, int version, DisclosureReader reader, CancellationToken ct) =>
            await reader.PublishedVersionAsync(code, year, version, ct) is { } disclosure
                ? CachedJson.Of(await AnswerAsync(disclosure, reader, ct))
                : ApiProblems.Result(StatusCodes.Status404NotFound, await reader.NoSuchVersionAsync(code, year, version, ct)))
        .WithName("getDisclosureVersion").WithSummary("预算公开的某一个已发布版本")
        .WithDescription("与 /api/v1/disclosures/{code}/{year} 的内容相同，但给出第 version 版（已更正的旧版本也可以读取）：它发布时的每一个数字和文字、" +
                         "它的发布时间和更正原因，以及发布时冻结的数据核验汇总。没有这个版本时返回 404。");

        api.MapGet("/disclosures/{code}/{year:int}/checks", async Task<Results<CachedJson<List<CheckComparison>>, ProblemHttpResult>> (
            string code, int year, DisclosureReader reader, CancellationToken ct) =>
            await reader.PublishedAsync(code, year, ct) is { } disclosure
                ? CachedJson.Of(ChecksOf(disclosure).Results.Select(CheckComparison.Of).ToList())
                : NotPublished(code, year))
        .WithName("listChecks").WithSummary("数据核验的每一处比对")
        .WithDescription("发布时冻结的核验结果：规则、严重程度、结果、说明、位置。");

        api.MapGet("/disclosures/{code}/{year:int}/versions/{version:int}/checks", async Task<Results<CachedJson<List<CheckComparison>>, ProblemHttpResult>> (
            string code, int year, int version, DisclosureReader reader, CancellationToken ct) =>
            await reader.PublishedVersionAsync(code, year, version, ct) is { } disclosure
                ? CachedJson.Of(ChecksOf(disclosure).Results.Select(CheckComparison.Of).ToList())
                : ApiProblems.Result(StatusCodes.Status404NotFound, await reader.NoSuchVersionAsync(code, year, version, ct)))
        .WithName("listVersionChecks").WithSummary("某一版本的数据核验")
        .WithDescription("第 version 版发布时冻结的核验结果，与 /api/v1/disclosures/{code}/{year}/checks 的形式相同。没有这个版本时返回 404。");

        api.MapGet("/disclosures/{code}/{year:int}/lines", async Task<Results<CachedJson<List<PublishedLine>>, ProblemHttpResult>> (
            string code, int year, DisclosureReader reader, BudgetDbContext db, CancellationToken ct) =>
        {
            if (await reader.PublishedAsync(code, year, ct) is not { } disclosure) return NotPublished(code, year);
            if (!disclosure.IsLineBased)
                return ApiProblems.Result(StatusCodes.Status404NotFound,
                    $"部门“{code}” {year} 年的预算公开按表格编制，没有预算明细；它的数字就是十一张表（/api/v1/disclosures/{code}/{year}）。");
            var catalogs = await db.YearCatalogsAsync(year, ct);
            return CachedJson.Of(disclosure.Lines.Select(l => PublishedLine.Of(l, catalogs)).ToList());
        })
        .WithName("listBudgetLines").WithSummary("预算明细")
        .WithDescription("按预算明细编制的预算公开（basis 为 lines）的全部明细，按录入顺序：十一张表由这些明细汇总生成，明细之和即表1的支出总计。按表格编制的预算公开没有明细，返回 404。同样的明细也可下载为 CSV（/departments/{code}/{year}/lines.csv）。");
    }

    /// <summary>A published version as the API answers it: the file form and what its publication adds.</summary>
    private static async Task<PublishedDisclosure> AnswerAsync(Disclosure disclosure, DisclosureReader reader, CancellationToken ct)
    {
        var (code, year) = (disclosure.Department.Code, disclosure.FiscalYear);
        var glossary = await reader.GlossaryAsync(year, ct);
        var functional = await reader.FunctionalCatalogAsync(year, ct);
        return new PublishedDisclosure(disclosure.ToDocument())
        {
            Version = disclosure.Version,
            Status = disclosure.Status,
            OfficialPdf = VersionAddresses.Pdf(code, year, disclosure.Version),
            PublishedAt = disclosure.PublishedAt,
            CorrectionReason = disclosure.CorrectionReason,
            Basis = disclosure.Basis,
            TableSchemas = TableSchemas.ForYear(year).ToDictionary(
                s => s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), s => TableSchemaInfo.Of(s, functional)),
            Glossary = [.. glossary.Select(g => new GlossaryTerm(g.Numeral, g.Term, g.Text))],
            CheckSummary = CheckSummary.Of(ChecksOf(disclosure)),
        };
    }

    /// <summary>The checks frozen at publication (older versions: run now).</summary>
    private static CheckReport ChecksOf(Disclosure disclosure) => ConsistencyChecks.AsShown(disclosure);

    private static ProblemHttpResult NotPublished(string code, int year) =>
        ApiProblems.Result(StatusCodes.Status404NotFound, $"没有找到部门“{code}” {year} 年已发布的预算公开。");

    public const string RateLimitPolicy = "api";

    /// <summary>The department list's page: by default and at most.</summary>
    public const int DepartmentPage = 100, MaxDepartmentPage = 500;
}

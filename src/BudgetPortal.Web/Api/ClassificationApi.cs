using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetPortal.Web.Api;

/// <summary>
/// GET /api/v1/classification/{year}/{functional|economic}?q=… — the code picker's source: up to 20
/// codes whose code starts with, or whose name contains, what is typed (ClassificationCatalog.Search:
/// the year's catalog, else the nearest earlier one, and the previous year's). A well-formed code
/// outside both is listed first with status notInCatalog: it may be used, and is only reported (M1).
/// </summary>
public static class ClassificationApi
{
    public const int Limit = 20;
    public const int MaxQueryLength = 50;

    public static void MapClassificationApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/classification/{year:int}/{scheme}", async Task<Results<CachedJson<List<ClassificationMatch>>, ProblemHttpResult>> (
            int year, string scheme, string? q, BudgetDbContext db, CancellationToken ct) =>
        {
            if (ClassificationSchemes.FromSlug(scheme) is not { } parsed)
                return ApiProblems.Result(StatusCodes.Status404NotFound, $"分类“{scheme}”无效：应为 functional（功能分类）或 economic（经济分类）。");
            var catalog = await db.ClassificationCatalogAsync(parsed, year, ct);
            var query = (q ?? "").Trim();
            if (query.Length > MaxQueryLength) query = query[..MaxQueryLength];
            var entries = catalog.Search(query, Limit).ToList();
            if (ClassificationCode.Normalize(query) is { } code && parsed.Allows(code) && entries.All(e => e.Code != code))
            {
                entries.Insert(0, catalog.Entry(code));
                if (entries.Count > Limit) entries.RemoveAt(entries.Count - 1);
            }
            return CachedJson.Of(entries.Select(e => new ClassificationMatch(e.Code, ClassificationCode.Printed(e.Code), e.Name, e.Level, e.Status)).ToList());
        })
        .WithName("searchClassification").WithTags(ApiDocument.ClassificationTag).WithSummary("分类科目查找")
        .WithDescription("scheme 为 functional（支出功能分类）或 economic（部门预算支出经济分类）；q 为编码（按前缀，可带空格或连字符）或名称的一部分，至多 50 个字符。" +
            "按编码顺序最多返回 20 个科目，来自该年度的目录（没有时用最近的更早年度）和上一年度的目录；两个目录中都没有的合规编码列在最前，name 为 null。")
        // Replaces the group's policy: the answer depends on what is typed (q) as well as the path.
        .CacheOutput(PublishedContent.VaryByQuery("q"));
}

using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace BudgetPortal.Web.Api;

/// <summary>
/// Every failure under /api/ answers RFC 7807 problem details (application/problem+json) with a
/// Chinese title and detail — never the HTML error pages, which a program cannot read. The
/// endpoints' own failures (an unknown department) call <see cref="Result"/>; everything else (no
/// such address, a wrong method, a bad request, the rate limit, an exception, the database gone)
/// reaches <see cref="WriteAsync"/> from the exception handler or the status-code pages.
/// </summary>
public static class ApiProblems
{
    /// <summary>/api/… but not the /api page itself, which explains the API to people in HTML.</summary>
    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api", out var rest) && rest.HasValue;

    /// <summary>A failure the endpoint itself decides, with what the client should know.</summary>
    public static ProblemHttpResult Result(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(status));

    /// <summary>The answer for the status already set on the response (by routing, the rate limiter, the exception handler).</summary>
    public static Task WriteAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        if (status == StatusCodes.Status503ServiceUnavailable) DatabaseOutage.SetRetryAfter(http.Response);
        var detail = status switch
        {
            // Refused before any endpoint ran (a NUL, a body over the limit): RequestLimits says why.
            400 or 413 when http.Items[RequestLimits.Refusal] is string reason => reason,
            404 => $"没有这个接口地址：{http.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? http.Request.Path.Value}。接口说明见 /api。",
            405 => $"此接口不接受 {http.Request.Method} 请求：公开接口只读，请使用 GET。",
            429 => $"请求过于频繁，请 {http.Response.Headers.RetryAfter} 秒后再试。",
            503 => $"数据库暂时无法访问，请 {http.Response.Headers.RetryAfter} 秒后再试。",
            400 => "请求无效，请检查地址和参数。",
            _ when status >= 500 => "处理请求时发生错误，已记录日志，请稍后再试。",
            _ => "请求未能完成，请检查地址和参数后重试。",
        };
        return Result(status, detail).ExecuteAsync(http);
    }

    /// <summary>The failures any API endpoint may answer (a 405 answers a method the document does not list).</summary>
    public static readonly int[] Statuses = [400, 404, 429, 500, 503];

    /// <summary>Tells the OpenAPI document that the endpoints answer <see cref="Statuses"/> with problem details.</summary>
    public static TBuilder ProducesApiProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. Statuses.Select(s => new ProducesResponseTypeMetadata(s, typeof(ProblemDetails), ["application/problem+json"]))]);

    public static string Title(int status) => status switch
    {
        400 => "请求无效",
        404 => "未找到",
        405 => "不允许的请求方法",
        413 => "请求内容过大",
        429 => "请求过于频繁",
        500 => "服务器内部错误",
        503 => "服务暂时不可用",
        _ => $"请求未能完成（{status}）",
    };
}

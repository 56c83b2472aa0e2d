using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Errors;

[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    /// <summary>HttpContext.Items key: what exactly was not found (a version the year does not have), said instead of the general 404 message.</summary>
    public const string NotFoundReason = "BudgetPortal.NotFoundReason";

    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    // The status is read from the route, not bound: a POST re-executed here because its form could not
    // be read (too many values, a body over the limit) fails model binding again, and a bound status
    // stayed 0 — the response went out as "HTTP/1.1 0".
    public IActionResult OnGet() => Show();
    public IActionResult OnPost() => Show();

    private IActionResult Show()
    {
        var status = int.TryParse(RouteData.Values["status"] as string, out var s) && s is >= 400 and <= 599 ? s : StatusCodes.Status500InternalServerError;
        // Reached directly (not re-executed for an error), the page itself exists: show it as asked.
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // For an exception the handler chose the status (503 while the database is unreachable, DatabaseOutage).
        if (exception is not null && Response.StatusCode is >= 500 and <= 599) status = Response.StatusCode;
        (Title, Message) = status switch
        {
            400 when HttpContext.Items[RequestLimits.Refusal] is string reason => ("请求未能完成（400）", reason),
            413 when HttpContext.Items[RequestLimits.Refusal] is string reason => ("上传的内容过大（413）", reason),
            413 => ("上传的内容过大（413）", "请求内容超过了此处允许的大小，未保存任何内容。"),
            404 when HttpContext.Items[NotFoundReason] is string reason => ("页面不存在（404）", reason),
            404 => ("页面不存在（404）", $"没有找到您要访问的页面{(original is null ? "" : $"“{original.OriginalPath}”")}：部门、年度或预算公开可能不存在或尚未发布。"),
            403 => ("没有访问权限（403）", "您没有访问此页面的权限。"),
            429 => ("请求过于频繁（429）", "请稍后再试。"),
            500 => ("服务器内部错误（500）", "处理请求时发生错误，已记录日志，请稍后再试。"),
            503 when HttpContext.Items[Printing.DisclosurePdfEndpoints.PrintFailure] is string reason =>
                ("PDF 暂时无法生成（503）", $"正式 PDF 文件暂时无法打印，已记录日志，请稍后再试。原因：{reason}"),
            503 when DatabaseOutage.IsOutage(exception?.Error) =>
                ("服务暂时不可用（503）", $"数据库暂时无法访问，请 {DatabaseOutage.RetryAfterSeconds} 秒后刷新此页。已发布的页面稍后即可照常查看。"),
            503 => ("服务暂时不可用（503）", "服务暂时不可用，请稍后再试。"),
            _ => ($"请求未能完成（{status}）", "请检查网址后重试。"),
        };
        if (original is not null || exception is not null)
            Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable && Response.Headers.RetryAfter.Count == 0)
            DatabaseOutage.SetRetryAfter(Response);
        return Page();
    }
}

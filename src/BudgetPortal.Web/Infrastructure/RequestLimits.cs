using BudgetPortal.Web.Api;
using BudgetPortal.Web.Uploads;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// Refuses, before any page or endpoint runs, what no page of the portal can use: a body larger than
/// the endpoint allows (413, the limit said in Chinese, the body never read) and a NUL character
/// (%00) in the address or the query (400). After routing, so an upload endpoint's own limit
/// (<see cref="UploadEndpointAttribute"/>) is known; every other request keeps
/// <see cref="UploadLimits.RequestBytes"/>, which Kestrel also enforces while reading.
/// </summary>
/// <remarks>
/// NUL is refused rather than stripped: no field, search or code of the portal can hold it
/// (PostgreSQL text cannot), so a request carrying it is malformed or probing, and quietly changing
/// what was sent would store or search for something the person did not type.
/// </remarks>
public sealed class RequestLimits(RequestDelegate next, IOptions<UploadLimits> options)
{
    /// <summary>HttpContext.Items key: why the request was refused, shown by the status page.</summary>
    public const string Refusal = "BudgetPortal.RequestRefusal";

    public const string NulMessage = "请求中含有不允许的空字符（%00），请检查网址或填写的内容后重试。";

    public Task InvokeAsync(HttpContext context)
    {
        // The status page re-executed for a refusal sees the same request: let it render.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null) return next(context);

        var limits = options.Value;
        var kind = context.GetEndpoint()?.Metadata.GetMetadata<UploadEndpointAttribute>()?.Kind;
        var allowed = kind is { } k ? limits.RequestBytesFor(k) : limits.RequestBytes;
        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = allowed;
        if (context.Request.ContentLength > allowed)
        {
            context.Items[Refusal] = kind is null
                ? $"请求内容过大（{UploadLimits.Megabytes(context.Request.ContentLength.Value)}），此处最多 {UploadLimits.Megabytes(allowed)}。"
                : $"上传的文件过大（{UploadLimits.Megabytes(context.Request.ContentLength.Value)}），此处上限为 {UploadLimits.Megabytes(allowed - limits.FormOverheadBytes)}；未保存任何内容。";
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // A browser sends the whole body before it reads the answer: up to DrainBytes the body is read
            // into nothing (never kept) so the person sees the page; past that the connection is closed.
            if (context.Request.ContentLength <= limits.DrainBytes && size is { IsReadOnly: false })
            {
                size.MaxRequestBodySize = context.Request.ContentLength;
                return DrainAsync(context);
            }
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }

        if (HasNul(context.Request.Path.Value) || context.Request.Query.Any(q => HasNul(q.Key) || q.Value.Any(HasNul)))
            return Refuse(context, NulMessage);
        return context.Request.HasFormContentType && !context.Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
               && context.GetEndpoint()?.Metadata.GetMetadata<RequestFormLimitsAttribute>() is null
            ? ReadFormThenAsync(context)
            : next(context);
    }

    /// <summary>
    /// A URL-encoded form is read here (it is small: <see cref="UploadLimits.RequestBytes"/>), so one the
    /// framework cannot read — NUL in a value, more values than a form has — is answered with its reason
    /// instead of the antiforgery check's bare 400. Multipart forms and forms with their own limits are
    /// read by the page, under those limits (NUL in them: <see cref="RefuseNulInForms"/>).
    /// </summary>
    private async Task ReadFormThenAsync(HttpContext context)
    {
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            await Refuse(context, e.InnerException is InvalidOperationException { Message: var m } && m.Contains("null", StringComparison.OrdinalIgnoreCase)
                ? NulMessage
                : $"表单内容无法读取（字段过多或格式错误），未保存任何内容。");
            return;
        }
        await next(context);
    }

    private static async Task DrainAsync(HttpContext context)
    {
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (IOException)
        {
            // The client gave up or sent more than it announced: nothing more to answer.
        }
    }

    private static Task Refuse(HttpContext context, string reason)
    {
        // The API answers problem details with the reason; the pages, the status page (which reads Items).
        if (ApiProblems.IsApi(context)) return ApiProblems.Result(StatusCodes.Status400BadRequest, reason).ExecuteAsync(context);
        context.Items[Refusal] = reason;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return Task.CompletedTask;
    }

    public static bool HasNul(string? text) => text is not null && text.Contains('\0');
}

/// <summary>
/// NUL in a posted form field (or an uploaded file's name) is refused with 400 like NUL in the query
/// (<see cref="RequestLimits"/>). A page filter, so the form is read under the endpoint's own limits.
/// </summary>
public sealed class RefuseNulInForms : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is null && http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Any(f => RequestLimits.HasNul(f.Key) || f.Value.Any(RequestLimits.HasNul)) || form.Files.Any(f => RequestLimits.HasNul(f.FileName)))
            {
                http.Items[RequestLimits.Refusal] = RequestLimits.NulMessage;
                context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                return;
            }
        }
        await next();
    }
}

public static class RequestLimitsSetup
{
    /// <summary>The limits (<see cref="UploadLimits"/>, section Uploads), Kestrel's ceiling for any request, and NUL refused in forms.</summary>
    public static void AddRequestLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(UploadLimits.Section);
        builder.Services.Configure<UploadLimits>(section);
        var limits = section.Get<UploadLimits>() ?? new UploadLimits();
        // Kestrel refuses a body past this while reading; RequestLimits raises it for upload endpoints only.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = limits.RequestBytes);
        builder.Services.Configure<MvcOptions>(o => o.Filters.Add(new RefuseNulInForms()));
        // A file's name is a multipart header: a 3,000-character name is read (and shortened, UploadedFileName), not refused unread.
        builder.Services.Configure<FormOptions>(o => o.MultipartHeadersLengthLimit = 64 * 1024);
    }
}

using System.Diagnostics;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>One log line per request: method, path, status, time (Serilog.AspNetCore is not available here).</summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            log.LogInformation("HTTP {Method} {Path}{Query} responded {StatusCode} in {Elapsed:0.0} ms",
                context.Request.Method, context.Request.Path, context.Request.QueryString, context.Response.StatusCode, ms);
        }
    }
}

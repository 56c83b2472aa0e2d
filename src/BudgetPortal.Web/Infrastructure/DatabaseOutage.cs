using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// PostgreSQL restarting or down is not the portal's bug: such a failure answers 503 with
/// Retry-After (the Chinese status page, or problem details under /api) instead of 500, and the
/// pooled connections it broke are dropped, so the portal recovers by itself when PostgreSQL is back.
/// </summary>
public sealed class DatabaseOutage(ILogger<DatabaseOutage> log) : IExceptionHandler
{
    /// <summary>How long clients are asked to wait: a restart takes a few seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The status for an unhandled exception (ExceptionHandlerOptions.StatusCodeSelector).</summary>
    public static int StatusFor(Exception exception) =>
        IsOutage(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    /// <summary>
    /// The database could not be reached or went away mid-request: Npgsql says so (IsTransient: a
    /// refused or broken socket, a timeout, 57P01 admin shutdown, 57P03 starting up, 53300 too many
    /// connections), possibly wrapped by EF Core.
    /// </summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true }) return true;
        return false;
    }

    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private const string AuthenticationFailure = "BudgetPortal.AuthenticationOutage";

    /// <summary>
    /// The sign-in cookie's check (Identity's security stamp, which reads the database). A signed-in
    /// request during an outage fails in that check, and the authentication handler keeps that failed
    /// result for the rest of the request — also for the error page it is re-executed to, whose 503
    /// would then become a bare 500. So the outage is taken out of the check: the principal is rejected
    /// for this request only (the cookie is kept, not signed out; the next request checks it as
    /// usual), and <see cref="RethrowAfterAuthentication"/> raises the outage after authentication,
    /// where the exception handler answers 503 and renders its page for nobody signed in.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
        catch (Exception e) when (IsOutage(e))
        {
            context.RejectPrincipal();
            context.HttpContext.Items[AuthenticationFailure] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>Middleware right after UseAuthentication: the outage met by the cookie check, raised once.</summary>
    public static Task RethrowAfterAuthentication(HttpContext context, RequestDelegate next)
    {
        if (context.Items.Remove(AuthenticationFailure, out var failure))
            ((System.Runtime.ExceptionServices.ExceptionDispatchInfo)failure!).Throw();
        return next(context);
    }

    /// <summary>Runs before the error page or problem is written; leaves the writing to them.</summary>
    public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (IsOutage(exception))
        {
            // Idle pooled connections to a restarted server are dead sockets, each of which would fail
            // one more request: drop them all now (connections in use are discarded when returned).
            NpgsqlConnection.ClearAllPools();
            log.LogWarning("The database is unreachable ({Message}); answering 503", exception.GetBaseException().Message);
        }
        return ValueTask.FromResult(false);
    }
}

using Scalar.AspNetCore;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// The browser-side protections every answer carries: no content-type sniffing, no framing, no full
/// address in the Referer, and a Content-Security-Policy that allows only the portal's own scripts,
/// styles and forms. The pages have no inline script or style; the print view (read only by the
/// printing Chromium) has one inline style for its page footer.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The print view's footer text is an inline style (CSS @page margin boxes take no external value).</summary>
    public const string PrintPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar, ApiDocument.ReferencePath): its scripts are the package's own file
    /// and one inline start-up script carrying this response's nonce; the reference injects its styles.
    /// Nothing is loaded from or sent to another site.
    /// </summary>
    public static string ReferencePolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static string PolicyFor(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/print") ? PrintPolicy
        : context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce ? ReferencePolicy(nonce)
        : Policy;

    /// <summary>What a signed-in person sees, and the account pages: never cached, never compressed (BREACH).</summary>
    public static bool IsPrivate(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        || context.Request.Path.StartsWithSegments("/workspace") || context.Request.Path.StartsWithSegments("/admin")
        || context.Request.Path.StartsWithSegments("/account");

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = PolicyFor(context);
            // What a signed-in person sees (drafts, people, the audit trail) is kept by no cache, neither
            // the browser's nor its back button's: after 退出 on a shared office computer, 后退 shows the
            // login page, not the draft. Public answers keep their own caching headers.
            if (IsPrivate(context) && !headers.CacheControl.Any(v => v?.Contains("no-store", StringComparison.Ordinal) == true))
                headers.CacheControl = "private, no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

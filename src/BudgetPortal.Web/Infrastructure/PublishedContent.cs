using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// Published pages change only when something is published or corrected, so they are served from
/// the output cache under one tag, and publishing evicts that tag.
/// </summary>
public static class PublishedContent
{
    public const string Policy = "published";
    public const string Tag = "published";

    /// <summary>Call after a publication or correction is committed.</summary>
    public static ValueTask InvalidateAsync(IOutputCacheStore store, CancellationToken ct = default) =>
        store.EvictByTagAsync(Tag, ct);

    /// <summary>HTTP caching for browsers and proxies: public, revalidate after five minutes.</summary>
    public static void SetCachingHeaders(HttpResponse response) =>
        response.Headers.CacheControl = "public, max-age=300";
}

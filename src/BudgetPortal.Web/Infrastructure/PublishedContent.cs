using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// Published pages change only when something is published or corrected, so they are served from
/// the output cache under one tag, and publishing evicts that tag.
/// </summary>
/// <remarks>
/// The key is the method, scheme, host, path (so every route value) and only the query parameters a
/// page reads, which each page or endpoint names (<c>VaryByQueryKeys</c>, <see cref="VaryByQuery"/>):
/// a parameter the page ignores (<c>?x=123</c>) hits the same entry instead of rendering again, so
/// one client cannot defeat the cache. Signed-in requests and answers that set a cookie are neither
/// served from nor stored in the cache (the framework's default policy).
/// </remarks>
public static class PublishedContent
{
    public const string Policy = "published";
    public const string Tag = "published";

    /// <summary>
    /// The published policy: ten minutes under the tag, no query parameter in the key unless the page
    /// names it; one entry per Accept-Encoding, since the entry is stored compressed (Program: the
    /// response compression sits inside the output cache), so a page is compressed once, not per request. A Range request is neither answered from nor stored in the cache: the cache would
    /// answer it with the whole file (200), and an auditor resuming a large PDF wants the part (206).
    /// </summary>
    public static OutputCachePolicyBuilder Published(this OutputCachePolicyBuilder builder) =>
        builder.With(c => !c.HttpContext.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Range))
            .Expire(TimeSpan.FromMinutes(10)).Tag(Tag).SetVaryByQuery([]).SetVaryByHeader(HeaderNames.AcceptEncoding);

    /// <summary>The published policy for an endpoint that reads these query parameters.</summary>
    public static Action<OutputCachePolicyBuilder> VaryByQuery(params string[] keys) =>
        builder => builder.Published().SetVaryByQuery(keys);

    /// <summary>Call after a publication or correction is committed.</summary>
    public static ValueTask InvalidateAsync(IOutputCacheStore store, CancellationToken ct = default)
    {
        // The search pages' years, categories and last publication are kept in memory beside the cache.
        Disclosures.PublicLists.Invalidate();
        return store.EvictByTagAsync(Tag, ct);
    }

    /// <summary>HTTP caching for browsers and proxies: public, revalidate after five minutes.</summary>
    public static void SetCachingHeaders(HttpResponse response) =>
        response.Headers.CacheControl = "public, max-age=300";

    /// <summary>
    /// The entity tag of an answer built in memory (the API's JSON, the lines' CSV): the first 128 bits of the
    /// SHA-256 of its bytes, base64url. Given to <c>TypedResults.File</c>, which answers a matching If-None-Match with 304.
    /// </summary>
    public static EntityTagHeaderValue ETagOf(byte[] bytes) =>
        new("\"" + Convert.ToBase64String(SHA256.HashData(bytes)[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"");
}

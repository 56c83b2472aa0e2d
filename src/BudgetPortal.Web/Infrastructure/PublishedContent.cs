using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// Published pages change only when something is published, printed or corrected, so they are served from the
/// output cache, each under the tags of what it shows (<see cref="TagsOf"/>), and a change evicts only its tags:
/// a publication of department A for year Y evicts A's pages, Y's pages built from many disclosures, the lists
/// and Y's 公开情况 — department B's pages stay cached (issue 15: at 100,000 disclosures one tag for everything
/// sent the whole site back to the database at every publication).
/// </summary>
/// <remarks>
/// <para>The key is the method, scheme, host, path (so every route value) and only the query parameters a
/// page reads, which each page or endpoint names (<c>VaryByQueryKeys</c>, <see cref="VaryByQuery"/>):
/// a parameter the page ignores (<c>?x=123</c>) hits the same entry instead of rendering again, so
/// one client cannot defeat the cache. Signed-in requests and answers that set a cookie are neither
/// served from nor stored in the cache (the framework's default policy).</para>
/// <para>The tags, given from the address by <see cref="TagsOf"/> for every cached page, download and API answer:</para>
/// <list type="table">
/// <item><term><see cref="Tag"/> (<c>published</c>)</term><description>every entry: evicted when what every page may show changes
/// (a classification catalog: <see cref="EverythingChangedAsync"/>). (After Redis was unreachable while something changed, every
/// node's cache keys are deleted by key instead: <see cref="NodeAwareCacheStore"/>.)</description></item>
/// <item><term><see cref="DepartmentTag"/> (<c>department:{code}</c>)</term><description>every address with a department code: its
/// department page, every year's disclosure page (a new year or version changes the other years' links and comparisons), versions,
/// checks, trend, CSV/xlsx/PDF downloads and its API answers.</description></item>
/// <item><term><see cref="YearTag"/> (<c>year:{year}</c>)</term><description>a year's pages built from many disclosures:
/// <c>/compare/{year}</c>, <c>/compare/{year}/tables</c> (the year zip is not output-cached: it is copied from stored parts,
/// with an ETag of the year's versions).</description></item>
/// <item><term><see cref="ComplianceYearTag"/> (<c>compliance:{year}</c>)</term><description><c>/compliance/{year}</c> and its CSV and
/// xlsx: a publication of the year changes them.</description></item>
/// <item><term><see cref="ComplianceTag"/> (<c>compliance</c>)</term><description>every 公开情况 page (<c>/compliance</c>, the years
/// with entries, and each year's): the reviewers' entry forms (应公开部门, 批复日期, rules) and a department's name or 主管部门
/// edited in the administration change them.</description></item>
/// <item><term><see cref="ListsTag"/> (<c>lists</c>)</term><description>every other address: the home page and search (years, 类,
/// last publication, results), <c>/api/v1/departments</c> — an address this rule does not know is evicted by every publication.</description></item>
/// </list>
/// <para>The classification pages and API, the OpenAPI document and the print view (<c>/print/disclosures/{id}</c>, a
/// published version, which never changes) carry <see cref="Tag"/> alone. The layout shows nothing published (no count,
/// no last publication), so a department's pages need no global tag; the home page's last publication is a list.
/// The 公开情况 pages depend on today's date too (overdue after the deadline): they follow it within the ten minutes' expiry.</para>
/// </remarks>
public static class PublishedContent
{
    public const string Policy = "published";
    /// <summary>On every cached answer: evicting it empties the whole cache.</summary>
    public const string Tag = "published";
    /// <summary>Pages listing departments across years: home, search, the API's department list.</summary>
    public const string ListsTag = "lists";
    /// <summary>Every 公开情况 page.</summary>
    public const string ComplianceTag = "compliance";

    /// <summary>Every page, download and API answer of one department.</summary>
    public static string DepartmentTag(string code) => "department:" + code.ToLowerInvariant();
    /// <summary>A year's pages built from many disclosures (ranking, table comparison).</summary>
    public static string YearTag(int year) => "year:" + year.ToString(CultureInfo.InvariantCulture);
    /// <summary>A year's 公开情况 page and files.</summary>
    public static string ComplianceYearTag(int year) => "compliance:" + year.ToString(CultureInfo.InvariantCulture);

    /// <summary>What a publication or correction of <paramref name="code"/>'s <paramref name="year"/> changes.</summary>
    public static string[] PublicationTags(string code, int year) => [DepartmentTag(code), YearTag(year), ComplianceYearTag(year), ListsTag];

    /// <summary>The tags of the answer to <paramref name="request"/>: the one rule for every cached address (see the remarks).</summary>
    public static IReadOnlyList<string> TagsOf(HttpRequest request)
    {
        var path = request.Path;
        var code = request.RouteValues.TryGetValue("code", out var c) ? Convert.ToString(c, CultureInfo.InvariantCulture) : null;
        int? year = request.RouteValues.TryGetValue("year", out var y)
            && int.TryParse(Convert.ToString(y, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (path.StartsWithSegments("/classification") || path.StartsWithSegments("/api/v1/classification")
            || path.StartsWithSegments(Api.ApiDocument.DocumentPath) || path.StartsWithSegments("/print"))
            return [Tag];
        if (path.StartsWithSegments("/compliance"))
            return year is { } y1 ? [Tag, ComplianceTag, ComplianceYearTag(y1)] : [Tag, ComplianceTag];
        if (!string.IsNullOrEmpty(code)) return [Tag, DepartmentTag(code)];
        if (year is { } y2) return [Tag, YearTag(y2)];
        return [Tag, ListsTag];
    }

    /// <summary>
    /// The published policy: ten minutes under the tags of its address (<see cref="TagsOf"/>), no query parameter in the key unless the page
    /// names it; one entry per encoding chosen (<see cref="EncodingOf"/>), since the entry is stored compressed (Program: the
    /// response compression sits inside the output cache), so a page is compressed once, not per request. A Range request is neither answered from nor stored in the cache: the cache would
    /// answer it with the whole file (200), and an auditor resuming a large PDF wants the part (206).
    /// </summary>
    public static OutputCachePolicyBuilder Published(this OutputCachePolicyBuilder builder) =>
        builder.With(c => !c.HttpContext.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Range))
            .Expire(TimeSpan.FromMinutes(10)).AddPolicy<TagsByAddress>().SetVaryByQuery([])
            .VaryByValue(c => new KeyValuePair<string, string>("encoding", EncodingOf(c)));

    /// <summary>
    /// What the answer's bytes depend on in Accept-Encoding: the encoding the response compression chooses for it (its own
    /// negotiation: Brotli, else gzip, by quality) and whether gzip is accepted (a stored CSV goes out as gzip then:
    /// StoredFiles). Browsers send many spellings of one choice (Chromium and Firefox "gzip, deflate, br, zstd", Safari
    /// "gzip, deflate, br"): keyed by the raw header each would be its own entry, compressed and stored again; keyed by
    /// this there are at most four entries per address ("br+gzip" for every current browser), and warming one warms all.
    /// </summary>
    public static string EncodingOf(HttpContext context)
    {
        var chosen = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider>()
            .GetCompressionProvider(context)?.EncodingName ?? "identity";
        return Downloads.StoredFiles.AcceptsGzip(context.Request) && chosen != "gzip" ? chosen + "+gzip" : chosen;
    }

    /// <summary>The published policy for an endpoint that reads these query parameters.</summary>
    public static Action<OutputCachePolicyBuilder> VaryByQuery(params string[] keys) =>
        builder => builder.Published().SetVaryByQuery(keys);

    /// <summary>Call after a publication or correction of <paramref name="code"/>'s <paramref name="year"/> is committed.</summary>
    public static ValueTask PublishedAsync(IOutputCacheStore store, string code, int year, CancellationToken ct = default)
    {
        // The search pages' years, categories and last publication are kept in memory beside the cache.
        Disclosures.PublicLists.Invalidate();
        return EvictAsync(store, PublicationTags(code, year), ct);
    }

    /// <summary>Call after a version's PDFs are stored: its department's pages show the file's SHA-256.</summary>
    public static ValueTask PrintedAsync(IOutputCacheStore store, string code, CancellationToken ct = default) =>
        EvictAsync(store, [DepartmentTag(code)], ct);

    /// <summary>Call after a reviewer changed the 公开情况 entries (应公开部门, 批复日期, rules) of a year: every 公开情况 page
    /// (the index lists the years with entries; entries are rare beside publications, and a year's page is one query).</summary>
    public static ValueTask ComplianceChangedAsync(IOutputCacheStore store, CancellationToken ct = default) =>
        EvictAsync(store, [ComplianceTag], ct);

    /// <summary>Call after departments were created or changed (name, 主管部门, region): their pages and every 公开情况 page.</summary>
    public static ValueTask DepartmentsChangedAsync(IOutputCacheStore store, IEnumerable<string> codes, CancellationToken ct = default) =>
        EvictAsync(store, [ComplianceTag, .. codes.Select(DepartmentTag).Distinct()], ct);

    /// <summary>Call after a change every page may show (a catalog, departments' names): the whole cache.</summary>
    public static ValueTask EverythingChangedAsync(IOutputCacheStore store, CancellationToken ct = default)
    {
        Disclosures.PublicLists.Invalidate();
        return EvictAsync(store, [Tag], ct);
    }

    /// <summary>Evicts the tags on every node (<see cref="NodeAwareCacheStore"/>: one wait for the replica, one NOTIFY).</summary>
    private static async ValueTask EvictAsync(IOutputCacheStore store, string[] tags, CancellationToken ct)
    {
        if (store is NodeAwareCacheStore nodes) await nodes.EvictAsync(tags, ct);
        else foreach (var tag in tags) await store.EvictByTagAsync(tag, ct);
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

    /// <summary>Gives every cached answer the tags of its address (<see cref="TagsOf"/>), as it is stored.</summary>
    internal sealed class TagsByAddress : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            foreach (var tag in TagsOf(context.HttpContext.Request)) context.Tags.Add(tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}

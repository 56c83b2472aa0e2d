using System.Net;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// The output cache is keyed by the path and the query parameters a page reads, nothing else: a
/// parameter the page ignores (a cache-buster) is answered from the same entry without touching the
/// database, a parameter it reads still gives its own answer, and odd headers cannot store a
/// variant that others are then served (cache poisoning).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OutputCacheKeyTests(PortalFixture portal)
{
    public static TheoryData<string> Public => new()
    {
        "/", "/?q=援疆", "/departments/jjxz", "/departments/jjxz/2025", "/departments/jjxz/2025/checks",
        "/departments/jjxz/2025/versions", "/departments/jjxz/trend", "/compare/2025", "/compare/2025/tables?d=jjxz&table=3",
        "/classification", "/api/v1/departments", "/api/v1/disclosures/jjxz/2025", "/api/v1/disclosures/jjxz/2025/checks",
        "/api/v1/classification/2025/functional?q=201",
        // The downloads: each is built once, then answered from the cache until the next publication.
        "/departments/jjxz/2025/tables/3.csv", "/departments/jjxz/2025.xlsx",
    };

    /// <summary>
    /// The year's zip is not kept in the cache (tens of MB at a province's scale): it is copied from what each
    /// version stored, the same bytes whatever the query string, and a client that has it is answered 304 after one query.
    /// </summary>
    [Fact]
    public async Task TheYearZipIsTheSameWhateverTheQueryStringAndRevalidatesWithOneQuery()
    {
        var first = await portal.Http.GetAsync($"/downloads/2025.zip?x={Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await portal.Http.GetAsync($"/downloads/2025.zip?x={Guid.NewGuid():N}&utm_source=y");
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Contains("public", second.Headers.CacheControl?.ToString());

        using var queries = new QueryCounter(portal.Database.Name);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/downloads/2025.zip?x={Guid.NewGuid():N}");
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await portal.Http.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(1, queries.Count);
        first.Dispose();
    }

    [Theory]
    [MemberData(nameof(Public))]
    public async Task AnUnknownQueryParameterIsAnsweredFromTheSameEntry(string path)
    {
        var separator = path.Contains('?') ? '&' : '?';
        using var queries = new QueryCounter(portal.Database.Name);
        using var first = await portal.Http.GetAsync($"{path}{separator}x={Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var afterFirst = queries.Count;

        using var second = await portal.Http.GetAsync($"{path}{separator}x={Guid.NewGuid():N}&utm_source=y");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(afterFirst, queries.Count);
        Assert.NotNull(second.Headers.Age);
        Assert.Contains("public", second.Headers.CacheControl?.ToString());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/?q=援疆", "/?q=经济协作")]
    [InlineData("/?year=2024", "/?year=2025")]
    [InlineData("/compare/2025?dir=asc", "/compare/2025?dir=desc")]
    [InlineData("/compare/2025/tables?d=jjxz&table=3", "/compare/2025/tables?d=jjxz&table=5")]
    [InlineData("/departments/jjxz/trend?table=3", "/departments/jjxz/trend?table=1")]
    [InlineData("/api/v1/classification/2025/functional?q=201", "/api/v1/classification/2025/functional?q=208")]
    public async Task AParameterThePageReadsStillGivesItsOwnAnswer(string one, string other)
    {
        var a = await portal.Http.GetStringAsync(one);
        var b = await portal.Http.GetStringAsync(other);
        Assert.NotEqual(a, b);
        // And each is cached under its own key: asked again, the same answer.
        Assert.Equal(a, await portal.Http.GetStringAsync(one));
    }

    [Theory]
    [InlineData("/departments/jjxz/2025")]
    [InlineData("/")]
    [InlineData("/api/v1/departments")]
    public async Task OddHeadersDoNotStoreAVariantOthersAreServed(string path)
    {
        var cache = portal.Services.GetRequiredService<IOutputCacheStore>();
        await PublishedContent.EverythingChangedAsync(cache);
        var clean = await portal.Http.GetByteArrayAsync(path);

        await PublishedContent.EverythingChangedAsync(cache);
        // The attacker's request comes first, so that whatever it makes is what would be stored.
        using (var poisoned = new HttpRequestMessage(HttpMethod.Get, path))
        {
            poisoned.Headers.Host = "evil.example";
            poisoned.Headers.Add("X-Forwarded-Host", "evil.example");
            poisoned.Headers.Add("X-Forwarded-Proto", "https");
            poisoned.Headers.Add("X-Forwarded-Prefix", "/evil");
            poisoned.Headers.Add("X-Forwarded-For", "203.0.113.9");
            poisoned.Headers.Add("X-Original-URL", "/account/login");
            poisoned.Headers.Add("X-Rewrite-URL", "/account/login");
            poisoned.Headers.Add("Accept-Language", "en-US,en;q=0.9");
            poisoned.Headers.Add("Accept", "text/plain");
            using var response = await portal.Http.SendAsync(poisoned);
            // Refused (an unknown host) or answered, but never stored for the others:
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        using var after = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var body = await after.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("evil", System.Text.Encoding.UTF8.GetString(body));
        Assert.DoesNotContain(after.Headers, h => h.Value.Any(v => v.Contains("evil")));
        Assert.Equal(clean, body);
    }
}

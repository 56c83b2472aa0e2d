using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>The API's HTTP behaviour: ETag and 304 (the PDFs' too, and Range), caching headers, its OpenAPI description and reference page, page caching.</summary>
[Collection(PortalCollection.Name)]
public sealed class ApiProtocolTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/api/v1/departments")]
    [InlineData("/api/v1/disclosures/dkyj/2024")]
    [InlineData("/api/v1/disclosures/dkyj/2024/checks")]
    public async Task ResponsesCarryAnETagAndA304WhenUnchanged(string path)
    {
        using var first = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("public", first.Headers.CacheControl!.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var second = await portal.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        using var third = await portal.Http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(etag, third.Headers.ETag);
    }

    [Fact]
    public async Task AStoredPdfAnswersARangeAndAConditionalRequestByItsHash()
    {
        const string path = "/departments/jjxz/2025/tables/3.pdf";
        using var whole = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}\"", whole.Headers.ETag?.Tag);

        // The whole file is in the output cache now; a Range passes it by and gets the part.
        using var range = new HttpRequestMessage(HttpMethod.Get, path);
        range.Headers.Range = new RangeHeaderValue(0, 7);
        using var part = await portal.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes[..8], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, part.Content.Headers.ContentRange?.Length);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        using var unchanged = await portal.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task DifferentContentHasADifferentETag()
    {
        using var a = await portal.Http.GetAsync("/api/v1/disclosures/dkyj/2024");
        using var b = await portal.Http.GetAsync("/api/v1/disclosures/jjxz/2025");
        Assert.NotEqual(a.Headers.ETag, b.Headers.ETag);
    }

    [Fact]
    public async Task TheOpenApiDescriptionCoversEveryEndpointAndDownloadInChinese()
    {
        var doc = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/openapi.json")).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var documented = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        // Every endpoint that is not a page (a Razor page has no handler method), the health check, the
        // document itself or its reference page: the JSON API and the downloads.
        var routes = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r != "/api/v1/openapi.json" && !r.StartsWith("/api/reference", StringComparison.Ordinal))
            .Select(r => r.Replace(":int", ""))
            .ToHashSet();
        Assert.Contains("/api/v1/departments", routes);
        Assert.Contains("/downloads/{year}.zip", routes);
        Assert.Contains("/departments/{code}/{year}.pdf", routes);
        Assert.Equal(routes.Order(), documented.Order());

        var operations = doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value).ToList();
        Assert.All(operations, o => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", o.GetProperty("summary").GetString()!));
        Assert.All(operations, o => Assert.Contains(o.GetProperty("responses").EnumerateObject(), r => r.Name.StartsWith('4')));
        // Public: every operation declares that it needs no key or sign-in.
        Assert.All(operations, o => Assert.Empty(o.GetProperty("security").EnumerateArray()));
    }

    [Fact]
    public async Task TheReferencePageServesScalarFromThePortalItself()
    {
        using var redirect = await portal.Http.GetAsync("/api/reference");
        Assert.Equal("reference/", redirect.Headers.Location?.OriginalString);
        using var page = await portal.Http.GetAsync("/api/reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("\"api/v1/openapi.json\"", html);
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'nonce-", policy);
        Assert.Contains("connect-src 'self'", policy);
        // Each script the page names is the portal's own, under the reference path.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            Assert.DoesNotContain("//", src);
            using var script = await portal.Http.GetAsync(new Uri(new Uri(portal.BaseAddress, "/api/reference/"), src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
    }

    [Fact]
    public async Task TheApiPageExplainsTheApiInChinese()
    {
        var page = await portal.GetPageAsync("/api");
        var text = page.Body!.TextContent;
        Assert.Contains("/api/v1/departments", text);
        Assert.Contains("ETag", text);
        Assert.Contains("429", text);
        Assert.NotNull(page.QuerySelector("a[href='/api/v1/openapi.json']"));
        Assert.NotNull(page.QuerySelector("a[href='/api/reference/']"));
    }

    [Fact]
    public async Task PublishedPagesAreServedFromTheOutputCacheWithCachingHeaders()
    {
        using var first = await portal.Http.GetAsync("/departments/gbkhpj/2024/checks");
        using var second = await portal.Http.GetAsync("/departments/gbkhpj/2024/checks");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("public", second.Headers.CacheControl!.ToString());
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }
}

/// <summary>A portal whose API allows three uncached requests a minute per client, and its pages three too.</summary>
public sealed class RateLimitedPortalFixture() : PortalFixture(("Api:RequestsPerMinute", "3"), ("Public:UncachedRequestsPerMinute", "3"), ("Warming:Enabled", "true"));

public sealed class ApiRateLimitTests(RateLimitedPortalFixture portal) : IClassFixture<RateLimitedPortalFixture>
{
    [Fact]
    public async Task OverTheLimitTheApiAnswers429WithRetryAfterAndAChineseMessage()
    {
        // Questions never asked before, so each one reaches the database (the cache answers repeats).
        for (var i = 0; i < 3; i++)
        {
            using var ok = await portal.Http.GetAsync($"/api/v1/classification/2025/functional?q=20{i}");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await portal.Http.GetAsync("/api/v1/classification/2025/functional?q=208");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("请求过于频繁", error);
        // What the cache holds is still answered: counting it would protect nothing.
        using var cached = await portal.Http.GetAsync("/api/v1/classification/2025/functional?q=200");
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
    }

    [Fact]
    public async Task ThePortalsOwnWarmRequestsAreNotCountedAgainstTheLimit()
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var warmer = portal.Services.GetRequiredService<PageWarmer>();
        var store = portal.Services.GetRequiredService<IOutputCacheStore>();
        var before = warmer.Warmed;
        // Twice the pages × encodings of one publication, each pass uncached: more than the limit of three from 127.0.0.1.
        for (var pass = 0; pass < 2; pass++)
        {
            await PublishedContent.EverythingChangedAsync(store);
            await warmer.WarmAsync(doc.Department.Code, doc.FiscalYear, CancellationToken.None);
        }
        Assert.Equal(before + 2 * PageWarmer.Pages(doc.Department.Code, doc.FiscalYear).Length * new WarmingOptions().AcceptEncodings.Length, warmer.Warmed);
        // Someone else sending the header without the token is counted as anyone.
        using var client = FormSession.ClientFrom(IPAddress.Parse("127.0.0.78"), portal.BaseAddress);
        client.DefaultRequestHeaders.Add(PageWarmer.Header, "forged");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync($"/?q=预热伪造{i}");
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task OneClientVaryingItsSearchMeetsTheLimitAndRepeatsComeFromTheCache()
    {
        // A fresh address of the loopback network: this client's window is its own.
        using var client = FormSession.ClientFrom(IPAddress.Parse("127.0.0.77"), portal.BaseAddress);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync($"/?q=限流测试{i}");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await client.GetAsync("/?q=限流测试9");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请求过于频繁", await limited.Content.ReadAsStringAsync());
        // A search asked before, and a page someone else already had, come from the cache: still 200.
        using var repeat = await client.GetAsync("/?q=限流测试0");
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.NotNull(repeat.Headers.Age);
        // Another client is not affected by this one.
        using var other = await portal.Http.GetAsync("/?q=限流测试9");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

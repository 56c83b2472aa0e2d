using System.IO.Compression;
using System.Net;
using System.Text;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// Public answers go out compressed as the client accepts (Brotli, else gzip), from the output cache
/// as compressed once; signed-in and account pages never (BREACH); static assets at fingerprinted
/// addresses cached a year, compressed at build.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CompressionTests(PortalFixture portal)
{
    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await portal.Http.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decompress(string encoding, byte[] body)
    {
        using var input = new MemoryStream(body);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("gzip, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    public async Task TheDisclosurePageIsCompressedAsAcceptedAndServedCompressedFromTheCache(string accept, string expected)
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var path = $"/departments/{doc.Department.Code}/{doc.FiscalYear}";
        var (plain, html) = await GetAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        var (first, compressed) = await GetAsync(path, accept);
        Assert.Equal(expected, Assert.Single(first.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", first.Headers.Vary);
        Assert.True(compressed.Length * 5 < html.Length, $"{expected}: {compressed.Length} bytes of {html.Length}");
        Assert.Equal(Encoding.UTF8.GetString(html), Encoding.UTF8.GetString(Decompress(expected, compressed)));
        // The CSP and the other headers as for any page.
        Assert.Equal(plain.Headers.GetValues("Content-Security-Policy"), first.Headers.GetValues("Content-Security-Policy"));

        // Again: the stored compressed bytes, from the output cache (Age), not compressed anew.
        var (again, cached) = await GetAsync(path, accept);
        Assert.NotNull(again.Headers.Age);
        Assert.Equal(expected, Assert.Single(again.Content.Headers.ContentEncoding));
        Assert.Equal(compressed, cached);
    }

    [Fact]
    public async Task SpellingsOfOneChoiceShareOneCachedEntry()
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.Last()));
        var path = $"/departments/{doc.Department.Code}/{doc.FiscalYear}";
        // Two spellings no other test sends, both choosing Brotli with gzip accepted: the second is the first's entry.
        var (first, compressed) = await GetAsync(path, "deflate, gzip, br");
        Assert.Equal("br", Assert.Single(first.Content.Headers.ContentEncoding));
        var (second, cached) = await GetAsync(path, "br, gzip;q=0.9");
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(compressed, cached);
    }

    [Fact]
    public async Task AStoredCsvToABrotliOnlyClientIsNotTheGzipOfAClientThatAcceptsBoth()
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var path = $"/departments/{doc.Department.Code}/{doc.FiscalYear}/tables/3.csv";
        // Both choose Brotli for a page; the stored CSV goes out as gzip to the first: the second must not get that entry.
        var (both, gzipped) = await GetAsync(path, "gzip, br");
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal("gzip", Assert.Single(both.Content.Headers.ContentEncoding));
        var (brOnly, body) = await GetAsync(path, "br");
        Assert.Equal(HttpStatusCode.OK, brOnly.StatusCode);
        Assert.Equal("br", Assert.Single(brOnly.Content.Headers.ContentEncoding));
        Assert.Equal(Decompress("gzip", gzipped), Decompress("br", body));
    }

    [Fact]
    public async Task TheApiAndTheSearchAreCompressedTheAccountPagesAreNot()
    {
        var (api, _) = await GetAsync("/api/v1/departments", "gzip, br");
        Assert.Equal("br", Assert.Single(api.Content.Headers.ContentEncoding));
        var (search, _) = await GetAsync("/?q=" + Uri.EscapeDataString("局"), "gzip");
        Assert.Equal("gzip", Assert.Single(search.Content.Headers.ContentEncoding));
        // The login form carries an antiforgery token: never compressed.
        var (login, _) = await GetAsync("/account/login", "gzip, br");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Empty(login.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task StaticAssetsAreFingerprintedCachedAYearAndCompressedAtBuild()
    {
        var page = await portal.GetPageAsync("/");
        var css = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", css);
        var (plain, content) = await GetAsync(css, null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("max-age=31536000, immutable", plain.Headers.CacheControl!.ToString());
        Assert.Contains("--", Encoding.UTF8.GetString(content));

        var (gzip, compressed) = await GetAsync(css, "gzip, deflate, br, zstd");
        Assert.Equal(HttpStatusCode.OK, gzip.StatusCode);
        var encoding = Assert.Single(gzip.Content.Headers.ContentEncoding);
        Assert.Equal(content, Decompress(encoding, compressed));
        Assert.Equal("max-age=31536000, immutable", gzip.Headers.CacheControl!.ToString());
        // The address without the fingerprint still answers, revalidated by ETag.
        var (unversioned, _) = await GetAsync("/css/site.css", null);
        Assert.Equal("no-cache", unversioned.Headers.CacheControl!.ToString());
        Assert.NotNull(unversioned.Headers.ETag);
    }
}

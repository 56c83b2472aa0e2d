using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using BudgetPortal.Data;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Jobs;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>A portal of its own (no job runner: the tests run the jobs they read), whose stored files no other test touches.</summary>
public sealed class StoredFilesFixture() : PortalFixture(("Warming:Enabled", "true"))
{
    /// <summary>A client that sends no Accept-Encoding of its own and decompresses nothing: the bytes as the portal sends them.</summary>
    public HttpClient Raw { get; private set; } = null!;

    /// <summary>Two departments published here besides the seeds (from seed 000), whose files nothing else stores.</summary>
    public const string Held = "files-held", Warmed = "files-warm";
    public int Year { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = NewDbContext())
            foreach (var code in new[] { Held, Warmed })
            {
                var id = await BudgetPortal.Web.Tests.Data.DraftBesidePublishedDatabase.DraftAsync(db, code, $"存档文件测试单位{code}");
                var draft = await db.Disclosures.SingleAsync(d => d.Id == id);
                draft.Publish(DateTimeOffset.UtcNow, BudgetPortal.Domain.Checks.ConsistencyChecks.Run(draft));
                await db.SaveChangesAsync();
                Year = draft.FiscalYear;
                db.ChangeTracker.Clear();
            }
        Raw = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    public async Task<Disclosure> PublishedAsync(string code, int year)
    {
        await using var db = NewDbContext();
        var id = await db.PublishedSummaries.Where(s => s.DepartmentCode == code && s.FiscalYear == year).Select(s => s.DisclosureId).SingleAsync();
        return (await db.Disclosures.AsNoTracking().IncludeComplete().SingleAsync(d => d.Id == id));
    }

    /// <summary>Runs the version's StoreFiles job as a node's runner does (takes it, then the store does it).</summary>
    public async Task RunStoreFilesJobAsync(int disclosureId)
    {
        Job? job;
        await using (var db = NewDbContext())
            job = await JobQueue.TakeAsync(db, JobKind.StoreFiles, disclosureId, "test-runner", TimeSpan.FromMinutes(1));
        Assert.NotNull(job);
        await Services.GetRequiredService<PublishedFileStore>().RunJobAsync(job, CancellationToken.None);
    }

    /// <summary>Each file of a version as the builders make it now (the workbook's package carries its time, so it is compared by its stored row).</summary>
    public async Task<byte[]> BuiltTableCsvAsync(Disclosure d, int n)
    {
        await using var db = NewDbContext();
        return await PublishedFileStore.TableCsvAsync(d, (TableKind)n, (await db.YearCatalogsAsync(d.FiscalYear)).Functional);
    }
}

public sealed class StoredFilesTests(StoredFilesFixture portal) : IClassFixture<StoredFilesFixture>
{
    private static HttpRequestMessage Get(string path, string? acceptEncoding = null, string? ifNoneMatch = null, bool bypassCache = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        // The output cache neither answers nor stores a request with Authorization (docs/benchmarks.md): the endpoint answers.
        if (bypassCache) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "none");
        return request;
    }

    [Fact]
    public async Task TheJobStoresEveryFileOfAVersionOnceAndASecondRunStoresNothing()
    {
        var d = await portal.PublishedAsync("zbjllc", 2025);
        var store = portal.Services.GetRequiredService<PublishedFileStore>();
        var before = store.StoreCount;
        await portal.RunStoreFilesJobAsync(d.Id);
        Assert.Equal(before + 1, store.StoreCount);

        await using var db = portal.NewDbContext();
        var rows = await db.PublishedFiles.AsNoTracking().Where(f => f.DisclosureId == d.Id).OrderBy(f => f.Name).ToListAsync();
        // Exactly the version's files: 表1.csv … 表11.csv and the workbook (no 预算明细: it is kept as tables).
        Assert.False(d.IsLineBased);
        Assert.Equal(PublishedFileStore.Names(d).Order(StringComparer.Ordinal), rows.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(12, rows.Count);
        foreach (var row in rows)
        {
            var content = row.Content();
            Assert.Equal(row.Length, content.LongLength);
            Assert.Equal(row.Crc32, (long)System.IO.Hashing.Crc32.HashToUInt32(content));
            Assert.Equal(PublishedFile.ETagOf(content), row.ETag);
            Assert.Equal(row.Name.EndsWith(".csv", StringComparison.Ordinal), row.Deflated);
        }
        for (var n = 1; n <= 11; n++)
            Assert.Equal(await portal.BuiltTableCsvAsync(d, n), rows.Single(r => r.Name == $"表{n}.csv").Content());
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.DisclosureId == d.Id && j.Kind == JobKind.StoreFiles);
        Assert.NotNull(job.DoneAt);

        // The job run again (a node whose lease ran out finishing late): nothing is built or stored again.
        await store.RunJobAsync(job, CancellationToken.None);
        Assert.Equal(before + 1, store.StoreCount);
        var again = await db.PublishedFiles.AsNoTracking().Where(f => f.DisclosureId == d.Id).OrderBy(f => f.Name).ToListAsync();
        Assert.Equal(rows.Select(r => (r.Name, r.StoredAt, r.ETag)), again.Select(r => (r.Name, r.StoredAt, r.ETag)));
        // And the queue has nothing left to take for it.
        Assert.Null(await JobQueue.TakeAsync(db, JobKind.StoreFiles, d.Id, "another-node", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task TheDownloadsServeTheStoredBytesAsGzipToGzipClientsAndAsTheyAreToOthers()
    {
        var d = await portal.PublishedAsync("gbkhpj", 2024);
        await portal.RunStoreFilesJobAsync(d.Id);
        var code = d.Department.Code;
        for (var n = 1; n <= 11; n++)
        {
            var built = await portal.BuiltTableCsvAsync(d, n);
            // No Accept-Encoding: the file itself, inflated from the stored stream.
            using (var plain = await portal.Raw.SendAsync(Get($"/departments/{code}/2024/tables/{n}.csv", bypassCache: true)))
            {
                Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
                Assert.Empty(plain.Content.Headers.ContentEncoding);
                Assert.Equal("text/csv", plain.Content.Headers.ContentType?.MediaType);
                Assert.Equal(built, await plain.Content.ReadAsByteArrayAsync());
                Assert.Equal(PublishedFile.ETagOf(built), plain.Headers.ETag?.ToString());
                Assert.Contains($"表{n}", plain.Content.Headers.ContentDisposition?.FileNameStar);
            }
            // gzip: the stored DEFLATE stream in a gzip member, which decompresses to the same bytes.
            foreach (var bypass in new[] { true, false })
            {
                using var gzip = await portal.Raw.SendAsync(Get($"/departments/{code}/2024/tables/{n}.csv", "gzip", bypassCache: bypass));
                Assert.Equal(HttpStatusCode.OK, gzip.StatusCode);
                Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
                Assert.Contains("Accept-Encoding", gzip.Headers.Vary);
                var body = await gzip.Content.ReadAsByteArrayAsync();
                Assert.Equal(new byte[] { 0x1f, 0x8b, 8 }, body[..3]);
                using var inflated = new MemoryStream();
                await using (var stream = new GZipStream(new MemoryStream(body), CompressionMode.Decompress)) await stream.CopyToAsync(inflated);
                Assert.Equal(built, inflated.ToArray());
            }
        }
        // The workbook as stored (already compressed: never encoded again).
        await using var db = portal.NewDbContext();
        var workbook = await db.PublishedFiles.AsNoTracking().SingleAsync(f => f.DisclosureId == d.Id && f.Name == PublishedFile.WorkbookName);
        using var xlsx = await portal.Raw.SendAsync(Get($"/departments/{code}/2024.xlsx", "gzip, br", bypassCache: true));
        Assert.Empty(xlsx.Content.Headers.ContentEncoding);
        Assert.Equal(PublishedFile.XlsxMediaType, xlsx.Content.Headers.ContentType?.ToString());
        Assert.Equal(workbook.Body, await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(workbook.ETag, xlsx.Headers.ETag?.ToString());
        Assert.Equal($"{d.DepartmentName}2024年部门预算公开表.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AClientThatHasTheFileGets304(bool bypassCache)
    {
        var d = await portal.PublishedAsync("dkyj", 2024);
        var path = $"/departments/dkyj/2024/tables/3.csv";
        using var first = await portal.Raw.SendAsync(Get(path, "gzip"));
        var etag = first.Headers.ETag?.ToString();
        Assert.NotNull(etag);
        foreach (var encoding in new[] { "gzip", null })
        {
            using var again = await portal.Raw.SendAsync(Get(path, encoding, etag, bypassCache));
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        }
        using var other = await portal.Raw.SendAsync(Get(path, "gzip", "\"another\"", bypassCache));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(etag, await db.PublishedFiles.Where(f => f.DisclosureId == d.Id && f.Name == "表3.csv").Select(f => f.ETag).SingleAsync());
    }

    [Fact]
    public async Task AFirstDownloadBeforeTheJobTakesTheJobAndStoresTheVersionsFiles()
    {
        var d = await portal.PublishedAsync("jjxz", 2025);
        await using var db = portal.NewDbContext();
        Assert.False(await db.PublishedFiles.AnyAsync(f => f.DisclosureId == d.Id));
        var csv = await portal.Raw.GetByteArrayAsync("/departments/jjxz/2025/tables/5.csv");
        Assert.Equal(await portal.BuiltTableCsvAsync(d, 5), csv);
        Assert.Equal(12, await db.PublishedFiles.CountAsync(f => f.DisclosureId == d.Id));
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.DisclosureId == d.Id && j.Kind == JobKind.StoreFiles);
        Assert.Equal(portal.Services.GetRequiredService<JobNode>().Name, job.TakenBy);
        Assert.NotNull(job.DoneAt);
    }

    [Fact]
    public async Task WhileAnotherNodeHoldsTheJobADownloadIsBuiltForItsAnswerAndNotStored()
    {
        var d = await portal.PublishedAsync(StoredFilesFixture.Held, portal.Year);
        await using var db = portal.NewDbContext();
        await using (var other = portal.NewDbContext())
            Assert.NotNull(await JobQueue.TakeAsync(other, JobKind.StoreFiles, d.Id, "other-node", TimeSpan.FromMinutes(5)));
        using var response = await portal.Raw.SendAsync(Get($"/departments/{StoredFilesFixture.Held}/{portal.Year}/tables/7.csv", "gzip", bypassCache: true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var inflated = new MemoryStream();
        await using (var stream = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress)) await stream.CopyToAsync(inflated);
        Assert.Equal(await portal.BuiltTableCsvAsync(d, 7), inflated.ToArray());
        Assert.False(await db.PublishedFiles.AnyAsync(f => f.DisclosureId == d.Id));
        Assert.Equal("other-node", await db.Jobs.Where(j => j.DisclosureId == d.Id && j.Kind == JobKind.StoreFiles).Select(j => j.TakenBy).SingleAsync());
    }

    [Fact]
    public async Task AfterTheFilesAreStoredTheJobWarmsTheDepartmentsPages()
    {
        var (code, year) = (StoredFilesFixture.Warmed, portal.Year);
        var d = await portal.PublishedAsync(code, year);
        // As after a publication: the pages are out of the cache.
        await PublishedContent.EverythingChangedAsync(portal.Services.GetRequiredService<IOutputCacheStore>());
        var warmer = portal.Services.GetRequiredService<PageWarmer>();
        var warmed = warmer.Warmed;
        await portal.RunStoreFilesJobAsync(d.Id);
        var pages = PageWarmer.Pages(code, year);
        var encodings = new WarmingOptions().AcceptEncodings;
        Assert.Equal(warmed + pages.Length * encodings.Length, warmer.Warmed);
        // The first reader of each page, with each spelling browsers send (Chromium and Firefox, Safari, others), is answered
        // from the cache (Age), compressed as asked: the cache keys by the encoding chosen, not by the header's text.
        foreach (var path in pages)
        foreach (var encoding in new[] { "gzip, deflate, br, zstd", "gzip, deflate, br", "br, gzip", "gzip" })
        {
            using var response = await portal.Raw.SendAsync(Get(path, encoding));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Age is not null, $"{path} ({encoding}) was not in the cache");
            Assert.Equal([encoding.Contains("br", StringComparison.Ordinal) ? "br" : "gzip"], response.Content.Headers.ContentEncoding);
        }
        // A page not warmed (another department's) is not.
        using var cold = await portal.Raw.SendAsync(Get($"/departments/{StoredFilesFixture.Held}/{year}", "br"));
        Assert.Null(cold.Headers.Age);
    }

    [Fact]
    public async Task AfterThePrintEvictsTheDepartmentsPagesTheyAreWarmedAgain()
    {
        var (code, year) = (StoredFilesFixture.Warmed, portal.Year);
        await PublishedContent.EverythingChangedAsync(portal.Services.GetRequiredService<IOutputCacheStore>());
        var warmer = portal.Services.GetRequiredService<PageWarmer>();
        var warmed = warmer.Warmed;
        // Printed by its first download, as the publishing reviewer's request prints it: the print evicts the
        // department's pages (they show the file's SHA-256) and warms them again in the background.
        var pdf = await portal.DownloadAsync($"/departments/{code}/{year}.pdf", "application/pdf");
        var expected = warmed + PageWarmer.Pages(code, year).Length * new WarmingOptions().AcceptEncodings.Length;
        for (var i = 0; i < 150 && warmer.Warmed < expected; i++) await Task.Delay(200);
        Assert.Equal(expected, warmer.Warmed);
        using var page = await portal.Raw.SendAsync(Get($"/departments/{code}/{year}", "gzip, deflate, br, zstd"));
        Assert.True(page.Headers.Age is not null, "the disclosure page was not warmed after the print");
        Assert.Contains(BudgetPortal.Domain.Disclosures.DisclosurePdf.HashOf(pdf), await new StreamReader(new BrotliStream(await page.Content.ReadAsStreamAsync(), CompressionMode.Decompress)).ReadToEndAsync());
    }
}

/// <summary>An older version's files at its own address: what it published, not the correction.</summary>
[Collection(CorrectedPortalCollection.Name)]
public sealed class StoredVersionFilesTests(CorrectedPortalFixture portal)
{
    [Fact]
    public async Task AnOldVersionsTableCsvIsWhatItPublishedAndDiffersFromTheCorrection()
    {
        var v1 = await portal.DownloadAsync("/departments/dkyj/2024/versions/1/tables/10.csv", "text/csv");
        var latest = await portal.DownloadAsync("/departments/dkyj/2024/tables/10.csv", "text/csv");
        var v2 = await portal.DownloadAsync("/departments/dkyj/2024/versions/2/tables/10.csv", "text/csv");
        Assert.NotEqual(latest, v1);
        Assert.Equal(latest, v2);
        var text1 = System.Text.Encoding.UTF8.GetString(v1);
        Assert.Contains(VersionHistoryTests.ReceptionBefore, text1);
        Assert.DoesNotContain(VersionHistoryTests.ReceptionAfter, text1);
        Assert.Contains(VersionHistoryTests.ReceptionAfter, System.Text.Encoding.UTF8.GetString(latest));
        // Each version's files are stored with its own row, the old one's too (taken by the first download).
        await using var db = portal.NewDbContext();
        var ids = await db.Disclosures.Where(d => d.Department.Code == "dkyj" && d.FiscalYear == 2024).OrderBy(d => d.Version).Select(d => d.Id).ToListAsync();
        Assert.Equal(2, ids.Count);
        foreach (var id in ids) Assert.Equal(12, await db.PublishedFiles.CountAsync(f => f.DisclosureId == id));

        // Named with the version, so two versions' files side by side stay apart.
        using var response = await portal.Http.GetAsync("/departments/dkyj/2024/versions/1/tables/10.csv");
        Assert.EndsWith("（第1版）.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("dkyj-2024-v1-table-10.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var workbook = await portal.DownloadAsync("/departments/dkyj/2024/versions/1.xlsx", PublishedFile.XlsxMediaType);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(workbook[..2]));
    }

    [Theory]
    [InlineData("/departments/dkyj/2024/versions/9/tables/3.csv")]
    [InlineData("/departments/dkyj/2024/versions/1/tables/12.csv")]
    [InlineData("/departments/dkyj/2024/versions/0.xlsx")]
    [InlineData("/departments/dkyj/2024/versions/1/lines.csv")]
    [InlineData("/departments/nosuch/2024/versions/1/tables/3.csv")]
    public async Task NoSuchVersionTableOrFileIs404(string path) => await portal.AnswerAsync(path, HttpStatusCode.NotFound);
}

/// <summary>A portal behind a TLS proxy at a public host name (Warming:PublicUrl): the proxy on 127.0.0.1 says https.</summary>
public sealed class PublicHostPortalFixture() : PortalFixture(
    ("Warming:Enabled", "true"),
    ("Warming:PublicUrl", "https://" + PublicHostPortalFixture.Host),
    ("AllowedHosts", "localhost;127.0.0.1;" + PublicHostPortalFixture.Host),
    ("ForwardedHeaders:KnownProxies", "127.0.0.1"))
{
    public const string Host = "budget.example.test";
}

public sealed class PublicHostWarmingTests(PublicHostPortalFixture portal) : IClassFixture<PublicHostPortalFixture>
{
    [Fact]
    public async Task PagesAreWarmedUnderTheReadersHostAndScheme()
    {
        await using (var db = portal.NewDbContext())
        {
            var id = await db.PublishedSummaries.Where(s => s.DepartmentCode == "gbkhpj" && s.FiscalYear == 2024).Select(s => s.DisclosureId).SingleAsync();
            var job = await JobQueue.TakeAsync(db, JobKind.StoreFiles, id, "test-runner", TimeSpan.FromMinutes(1));
            Assert.NotNull(job);
            await portal.Services.GetRequiredService<PublishedFileStore>().RunJobAsync(job, CancellationToken.None);
        }
        using var raw = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = portal.BaseAddress };
        HttpRequestMessage Reader(string path, bool throughProxy)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
            if (throughProxy)
            {
                request.Headers.Host = PublicHostPortalFixture.Host;
                request.Headers.Add("X-Forwarded-Proto", "https");
            }
            return request;
        }
        // A reader through the proxy finds both pages in the cache, as the warmer left them.
        foreach (var path in PageWarmer.Pages("gbkhpj", 2024))
        {
            using var response = await raw.SendAsync(Reader(path, throughProxy: true));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Age is not null, $"{path} was not warmed for https://{PublicHostPortalFixture.Host}");
        }
        // The node's own address is another entry (the cache keys by scheme and host): not warmed.
        using var direct = await raw.SendAsync(Reader("/departments/gbkhpj/2024", throughProxy: false));
        Assert.Null(direct.Headers.Age);
        // And no one else's request is taken for the warmer's: a made-up token changes nothing.
        var forged = Reader("/departments/gbkhpj", throughProxy: false);
        forged.Headers.Add(PageWarmer.Header, "0123456789abcdef0123456789abcdef");
        using var notWarm = await raw.SendAsync(forged);
        Assert.Equal(HttpStatusCode.OK, notWarm.StatusCode);
        Assert.Null(notWarm.Headers.Age);
    }
}

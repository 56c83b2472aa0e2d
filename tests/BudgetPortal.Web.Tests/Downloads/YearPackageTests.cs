using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BudgetPortal.Data;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Downloads;

/// <summary>The seeds, and at most six versions' parts made by a zip request itself (the job runner is off, as in every test portal).</summary>
public sealed class YearPackageFixture() : PortalFixture(("Downloads:YearPartsMadeAtRequest", "6"));

/// <summary>
/// /downloads/{year}.zip copied from what each version stored once (YearPackage): over real HTTP from a real
/// database, the zip holds, entry by entry, what the disclosures print (the files the old builder made from
/// them); three independent readers accept it; a correction replaces its department's files; a newcomer
/// never renames an older folder; a 304 for the same versions; a year of too many missing parts is refused
/// with a Chinese message rather than built in the request.
/// </summary>
public sealed class YearPackageTests(YearPackageFixture portal) : IClassFixture<YearPackageFixture>
{
    private static int _next;

    /// <summary>A department of its own publishing a seed's figures of the year's layout under <paramref name="name"/>, optionally as budget lines.</summary>
    private async Task<int> PublishNewAsync(string code, string name, int year, bool lineBased = false)
    {
        var doc = Repo.LoadSeed(year >= 2025 ? "000_b9ea59971ad8d31b.json" : "002_c0c2db706806b599.json");
        doc.SignOff.Name = name;
        if (year < 2024) doc.FiscalYear = year;
        await using var db = portal.NewDbContext();
        var draft = await db.AddDraftOfNewDepartmentAsync(code, name, doc);
        if (lineBased) draft.SetLines(Public.LineBasedPortalFixture.Lines.Select(l => l.Copy()), await db.YearCatalogsAsync(year));
        await db.SaveChangesAsync();
        draft.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(draft));
        await db.SaveChangesAsync();
        return draft.Id;
    }

    private async Task<(string Path, HttpResponseMessage Response)> DownloadAsync(string url)
    {
        var response = await portal.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), $"bp-year-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        // Its length was said before the first byte.
        Assert.Equal(new FileInfo(path).Length, response.Content.Headers.ContentLength);
        return (path, response);
    }

    private static Dictionary<string, byte[]> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var copy = new MemoryStream();
            using (var s = e.Open()) s.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>
    /// What the zip of <paramref name="year"/> holds, made here from the latest published disclosures as the
    /// old builder made it (each loaded, each table printed, the lines written): the folders' files and budget-lines.csv.
    /// </summary>
    private async Task<List<(string Name, byte[] Content)>> ExpectedAsync(int year, Func<int, string> folderOf)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var reader = scope.ServiceProvider.GetRequiredService<DisclosureReader>();
        var catalogs = await db.YearCatalogsAsync(year);
        var ids = await db.PublishedSummaries.Where(s => s.FiscalYear == year).OrderBy(s => s.DepartmentCode).Select(s => s.DisclosureId).ToListAsync();
        var expected = new List<(string, byte[])>();
        var lines = new StringBuilder(TableCsv.Line(FiscalDataPackage.LineColumns));
        foreach (var id in ids)
        {
            var d = (await reader.LoadAsync(id))!;
            var folder = folderOf(id);
            foreach (var kind in TableSchemas.All)
            {
                var table = PrintedTable.Build(d.Table(kind), year, d.DepartmentName, catalogs.Functional);
                var text = new StringBuilder();
                await using (var writer = new StringWriter(text)) await TableCsv.WriteAsync(writer, table);
                expected.Add(($"{folder}/表{(int)kind}.csv", [.. TableCsv.Utf8WithBom.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())]));
            }
            if (d.IsLineBased) expected.Add(($"{folder}/预算明细.csv", LinesCsv.Bytes(d.Lines, catalogs)));
            var pdf = await db.DisclosurePdfs.Where(p => p.DisclosureId == id && p.Part == DisclosurePdf.WholeDocument).Select(p => p.Content).SingleOrDefaultAsync();
            if (pdf is not null) expected.Add(($"{folder}/{d.DepartmentName}{year}年部门预算公开.pdf", pdf));
            foreach (var line in FiscalDataPackage.Lines(d)) lines.Append(TableCsv.Line(line));
        }
        expected.Add(("budget-lines.csv", [.. TableCsv.Utf8WithBom.GetPreamble(), .. Encoding.UTF8.GetBytes(lines.ToString())]));
        return expected;
    }

    private async Task<Dictionary<int, string>> FoldersAsync(int year)
    {
        await using var db = portal.NewDbContext();
        return await db.YearPackageParts.Where(p => p.FiscalYear == year).ToDictionaryAsync(p => p.DisclosureId, p => p.Folder);
    }

    /// <summary>Every entry but datapackage.json as expected, in order; the descriptor names exactly the other entries.</summary>
    private static void AssertHolds(List<(string Name, byte[] Content)> expected, string path)
    {
        var found = Read(path);
        using (var zip = ZipFile.OpenRead(path))
            Assert.Equal([.. expected.Select(e => e.Name), "datapackage.json"], zip.Entries.Select(e => e.FullName));
        var checkedBytes = 0L;
        foreach (var (name, content) in expected)
        {
            Assert.True(content.AsSpan().SequenceEqual(found[name]), $"{name} differs");
            checkedBytes += content.Length;
        }
        Assert.True(checkedBytes > 10_000, $"only {checkedBytes} bytes compared");
        var descriptor = JsonDocument.Parse(found["datapackage.json"]).RootElement;
        Assert.Equal("fiscal-data-package", descriptor.GetProperty("profile").GetString());
        var resources = descriptor.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal("budget-lines.csv", resources[0].GetProperty("path").GetString());
        Assert.Equal(expected.Select(e => e.Name).Order(StringComparer.Ordinal),
            resources.Select(r => r.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(resources.Count, resources.Select(r => r.GetProperty("name").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task TheYearsZipHoldsEveryLatestVersionAsItsDisclosurePrintsAndEveryReaderAcceptsIt()
    {
        await PublishNewAsync("zp-lines", "年度包明细测试中心", 2025, lineBased: true);
        var (path, response) = await DownloadAsync("/downloads/2025.zip");
        try
        {
            var folders = await FoldersAsync(2025);
            var expected = await ExpectedAsync(2025, id => folders[id]);
            Assert.Contains(expected, e => e.Name == "年度包明细测试中心/预算明细.csv");
            AssertHolds(expected, path);
            var seen = await ZipReaders.AllAgreeAsync(path);
            Assert.Equal(expected.Count + 1, seen.Count);

            // The same versions: 304 for the entity tag, and the same bytes whatever the query string.
            var etag = response.Headers.ETag!;
            using var again = new HttpRequestMessage(HttpMethod.Get, "/downloads/2025.zip");
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await portal.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(await File.ReadAllBytesAsync(path), await portal.Http.GetByteArrayAsync("/downloads/2025.zip?x=123"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task AStoredPdfMovesTheZipsTagAndARevalidationReadsOneRow()
    {
        await PublishNewAsync("zp-pdf", "年度包打印测试局", 2025);
        var (before, beforeResponse) = await DownloadAsync("/downloads/2025.zip");
        try
        {
            Assert.DoesNotContain(Read(before).Keys, n => n.StartsWith("年度包打印测试局/", StringComparison.Ordinal) && n.EndsWith(".pdf", StringComparison.Ordinal));
            // The same versions, nothing printed since: 304, and the database asked one row (the year's generation), not the year's versions.
            using (var queries = new QueryCounter(portal.Database.Name))
            {
                using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/downloads/2025.zip");
                revalidate.Headers.IfNoneMatch.Add(beforeResponse.Headers.ETag!);
                using var notModified = await portal.Http.SendAsync(revalidate);
                Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
                Assert.Equal(1, queries.Count);
            }
            // The official PDF printed and stored: the zip holds it now, under a new tag, and the old tag gets the whole zip.
            Assert.Equal(HttpStatusCode.OK, (await portal.Http.GetAsync("/departments/zp-pdf/2025.pdf")).StatusCode);
            using var stale = new HttpRequestMessage(HttpMethod.Get, "/downloads/2025.zip");
            stale.Headers.IfNoneMatch.Add(beforeResponse.Headers.ETag!);
            using var fresh = await portal.Http.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.NotEqual(beforeResponse.Headers.ETag!.Tag, fresh.Headers.ETag!.Tag);
            var (after, _) = await DownloadAsync("/downloads/2025.zip");
            try { Assert.Contains(Read(after).Keys, n => n.StartsWith("年度包打印测试局/", StringComparison.Ordinal) && n.EndsWith(".pdf", StringComparison.Ordinal)); }
            finally { File.Delete(after); }
        }
        finally { File.Delete(before); }
    }

    [Fact]
    public async Task ACorrectionReplacesItsDepartmentsFilesInTheNextZipAndLeavesTheOthersAsTheyWere()
    {
        var first = await PublishNewAsync("zp-fix", "年度包更正测试局", 2025, lineBased: true);
        var (before, beforeResponse) = await DownloadAsync("/downloads/2025.zip");
        string after = "";
        try
        {
            int second;
            await using (var db = portal.NewDbContext())
            {
                var published = await db.Disclosures.IncludeComplete().SingleAsync(d => d.Id == first);
                var correction = published.StartCorrection("金额有误");
                correction.SetLines(Public.LineBasedPortalFixture.Lines.Select(l => l.Copy()).Take(5), await db.YearCatalogsAsync(2025));
                db.Disclosures.Add(correction);
                await db.SaveChangesAsync();
                correction.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(correction));
                await db.SaveChangesAsync();
                second = correction.Id;
            }
            (after, var afterResponse) = await DownloadAsync("/downloads/2025.zip");
            Assert.NotEqual(beforeResponse.Headers.ETag!.Tag, afterResponse.Headers.ETag!.Tag);
            var folders = await FoldersAsync(2025);
            // Same folder for the new version; its files are the new version's, as its disclosure prints them.
            Assert.Equal(folders[first], folders[second]);
            var expected = await ExpectedAsync(2025, id => folders[id]);
            AssertHolds(expected, after);
            var old = Read(before);
            var now = Read(after);
            Assert.False(old["年度包更正测试局/预算明细.csv"].AsSpan().SequenceEqual(now["年度包更正测试局/预算明细.csv"]));
            Assert.Equal(5 + 1, Encoding.UTF8.GetString(now["年度包更正测试局/预算明细.csv"]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            // Every other department's files unchanged, byte for byte.
            foreach (var (name, content) in now.Where(e => e.Key.Contains('/') && !e.Key.StartsWith("年度包更正测试局/", StringComparison.Ordinal)))
                Assert.True(old[name].AsSpan().SequenceEqual(content), $"{name} changed");
            await ZipReaders.AllAgreeAsync(after);
        }
        finally
        {
            File.Delete(before);
            if (after.Length > 0) File.Delete(after);
        }
    }

    [Fact]
    public async Task ANewcomerWithAnOlderDepartmentsNameGetsItsCodeAddedAndNeverRenamesTheOlderFolder()
    {
        // The older department's code sorts after the newcomer's: by code, the old builder gave the name to the newcomer.
        var older = await PublishNewAsync("zp-z-old", "年度包同名测试局", 2024);
        var (first, _) = await DownloadAsync("/downloads/2024.zip");
        var newcomer = await PublishNewAsync("zp-a-new", "年度包同名测试局", 2024);
        var (second, _) = await DownloadAsync("/downloads/2024.zip");
        try
        {
            var folders = await FoldersAsync(2024);
            Assert.Equal("年度包同名测试局", folders[older]);
            Assert.Equal("年度包同名测试局（zp-a-new）", folders[newcomer]);
            Assert.Contains("年度包同名测试局/表3.csv", Read(first).Keys);
            var now = Read(second);
            Assert.True(Read(first)["年度包同名测试局/表3.csv"].AsSpan().SequenceEqual(now["年度包同名测试局/表3.csv"]));
            Assert.Contains("年度包同名测试局（zp-a-new）/表3.csv", now.Keys);
            AssertHolds(await ExpectedAsync(2024, id => folders[id]), second);
            await ZipReaders.AllAgreeAsync(second);
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public async Task AYearWithMorePartsMissingThanARequestMakesIsRefusedInChineseUntilTheJobsHaveMadeThem()
    {
        var ids = new List<int>();
        for (var i = 0; i < 7; i++) ids.Add(await PublishNewAsync($"zp-many-{i}", $"年度包批量测试局{i}", 2023));
        // Publishing queued each version's part (and its PDF) for the job runner.
        await using (var db = portal.NewDbContext())
            Assert.Equal(7, await db.Jobs.CountAsync(j => ids.Contains(j.DisclosureId) && j.Kind == JobKind.YearPackagePart && j.DoneAt == null));

        using (var refused = await portal.Http.GetAsync("/downloads/2023.zip"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("还有 7 个部门的文件尚未生成", await refused.Content.ReadAsStringAsync());
        }
        await using (var db = portal.NewDbContext())
            Assert.False(await db.YearPackageParts.AnyAsync(p => ids.Contains(p.DisclosureId)));

        // The runner's work, one version at a time: each job finished with the part it made — the version's
        // files stored first when their own job had not run yet, so that a stored part means a complete share.
        var parts = portal.Services.GetRequiredService<YearPackageParts>();
        await portal.Services.GetRequiredService<PublishedFileStore>().StoreNowAsync(ids[0], CancellationToken.None);
        foreach (var id in ids) Assert.True(await parts.MakeAsync(id, CancellationToken.None));
        await using (var db = portal.NewDbContext())
        {
            Assert.Equal(7, await db.Jobs.CountAsync(j => ids.Contains(j.DisclosureId) && j.Kind == JobKind.YearPackagePart && j.DoneAt != null));
            Assert.Equal(7, await db.Jobs.CountAsync(j => ids.Contains(j.DisclosureId) && j.Kind == JobKind.StoreFiles && j.DoneAt != null));
            Assert.Equal(7 * 12, await db.PublishedFiles.CountAsync(f => ids.Contains(f.DisclosureId)));
        }
        var (path, _) = await DownloadAsync("/downloads/2023.zip");
        try
        {
            var folders = await FoldersAsync(2023);
            AssertHolds(await ExpectedAsync(2023, id => folders[id]), path);
            await ZipReaders.AllAgreeAsync(path);
        }
        finally { File.Delete(path); }
        await portal.AnswerAsync("/downloads/2019.zip", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AStoredPartIsNeverChangedOrDeletedAndOnlyAPublishedVersionGetsOne()
    {
        var id = await PublishNewAsync("zp-frozen", "年度包冻结测试局", 2025);
        await portal.Services.GetRequiredService<YearPackageParts>().MakeAsync(id, CancellationToken.None);
        // The portal's role is not even granted UPDATE or DELETE; the owner, which is, meets the trigger.
        foreach (var (connection, refusal) in new[] { (portal.Database.ConnectionString, "42501"), (portal.Database.OwnerConnectionString, "BP001") })
        {
            await using var c = new Npgsql.NpgsqlConnection(connection);
            await c.OpenAsync();
            foreach (var sql in new[] { $"UPDATE year_package_parts SET folder = 'x' WHERE disclosure_id = {id}", $"DELETE FROM year_package_parts WHERE disclosure_id = {id}" })
            {
                var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => new Npgsql.NpgsqlCommand(sql, c).ExecuteNonQueryAsync());
                Assert.Equal(refusal, e.SqlState);
            }
        }
        await using var db = portal.NewDbContext();
        Assert.Equal(1, await db.YearPackageParts.CountAsync(p => p.DisclosureId == id && p.Folder == "年度包冻结测试局"));
        var draft = await db.AddDraftOfNewDepartmentAsync("zp-draft", "年度包草稿测试局", Repo.LoadSeed("000_b9ea59971ad8d31b.json"));
        Assert.False(await portal.Services.GetRequiredService<YearPackageParts>().MakeAsync(draft.Id, CancellationToken.None));
        var insert = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO year_package_parts (disclosure_id, department_id, fiscal_year, folder, pdf_name, lines, lines_length, lines_crc32,
                resources, resources_length, resources_crc32, pdf_resource, pdf_resource_length, pdf_resource_crc32, made_at)
            VALUES ({draft.Id}, {draft.DepartmentId}, 2025, 'x', 'x.pdf', ''::bytea, 0, 0, ''::bytea, 0, 0, ''::bytea, 0, 0, now())
            """));
        Assert.Equal("BP001", insert.SqlState);
    }
}

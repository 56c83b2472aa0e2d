using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Printing;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Printing;

/// <summary>The official PDF, downloaded over HTTP and read back with poppler as an auditor would.</summary>
[Collection(PortalCollection.Name)]
public sealed class DisclosurePdfTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    private static string PdfPath(DisclosureDocument doc) => $"/departments/{doc.Department.Code}/{doc.FiscalYear}.pdf";

    /// <summary>The seed's tables laid out by the domain, independently of the database and the print view.</summary>
    private static (Disclosure Disclosure, List<PrintedTable> Tables) Expected(DisclosureDocument doc)
    {
        var disclosure = new Disclosure(new Department(doc.Department.Code, doc.Department.Name), doc.FiscalYear);
        doc.ApplyTo(disclosure);
        var tables = TableSchemas.All.Select(k => PrintedTable.Build(disclosure.Table(k), doc.FiscalYear, disclosure.DepartmentName)).ToList();
        return (disclosure, tables);
    }

    private async Task<byte[]> DownloadAsync(string path)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static int StartPage(IReadOnlyList<string> pages, Regex heading, int from = 0)
    {
        for (var i = from; i < pages.Count; i++)
            if (heading.IsMatch(pages[i])) return i;
        return -1;
    }

    private static Regex TableHeading(int n) => new($@"(?m)^\s*表\s*{n}\s*$");
    private static Regex PartHeading(string numeral) => new($@"(?m)^\s*第{numeral}部分\s+\S");

    /// <summary>Index just past <paramref name="figure"/> as a whole number in text, searching from <paramref name="from"/>, or -1.</summary>
    private static int FindFigure(string text, string figure, int from)
    {
        var m = new Regex($@"(?<![\d.]){Regex.Escape(figure)}(?![\d])").Match(text, from);
        return m.Success ? m.Index + m.Length : -1;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EveryFigureOfEveryTableIsOnThePagesOfItsTableInOrder(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var (disclosure, tables) = Expected(doc);
        var pages = await Poppler.PageTextsAsync(await DownloadAsync(PdfPath(doc)));

        var starts = tables.Select(t => StartPage(pages, TableHeading(t.Schema.Number))).ToList();
        var part3 = StartPage(pages, PartHeading("三"), starts.Max() + 1);
        Assert.True(part3 > 0, "第三部分 not found");
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var n = table.Schema.Number;
            Assert.True(starts[i] > 0, $"表{n} has no page of its own");
            var end = i + 1 < tables.Count ? starts[i + 1] : part3;
            Assert.True(end > starts[i], $"表{n} starts on page {starts[i] + 1} but the next part starts on {end + 1}");
            var first = pages[starts[i]];
            Assert.Contains(table.Schema.Title, first);
            Assert.Contains($"编制部门：{disclosure.DepartmentName}", first);
            Assert.Contains("单位：万元", first);
            if (table.EmptyText is { } empty)
                Assert.Contains(Regex.Replace(empty, @"\s", ""), Regex.Replace(string.Concat(pages.Skip(starts[i]).Take(end - starts[i])), @"\s", ""), StringComparison.Ordinal);

            var text = string.Join("\n", pages.Skip(starts[i]).Take(end - starts[i]));
            var at = 0;
            foreach (var cell in table.Body.SelectMany(r => r.Cells).Where(c => c.Amount is not null))
            {
                var next = FindFigure(text, cell.Text, at);
                Assert.True(next >= 0, $"表{n}: {cell.Text} ({cell.RowId}, {cell.Column}) is not on pages {starts[i] + 1}–{end} after position {at}");
                at = next;
            }
            // Zeros are blank: no 0.00 in a table.
            Assert.DoesNotMatch(@"(?<![\d.])0\.00(?!\d)", text);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ContentsPageNumbersFooterAndPageCountAgreeWithThePages(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var (_, tables) = Expected(doc);
        var pdf = await DownloadAsync(PdfPath(doc));
        var pages = await Poppler.PageTextsAsync(pdf);
        var info = await Poppler.InfoAsync(pdf);
        Assert.Equal(pages.Count, int.Parse(info["Pages"]));

        var toc = StartPage(pages, new Regex(@"^\s*目\s*录\s*$", RegexOptions.Multiline));
        var part1 = StartPage(pages, PartHeading("一"), toc + 1);
        Assert.True(toc >= 0 && part1 > toc, "目录 and 第一部分 not found");
        var listed = PrintedContents.Read(pages);

        var numerals = new[] { "一", "二", "三", "四" };
        for (var n = 1; n <= 4; n++)
        {
            var actual = StartPage(pages, PartHeading(numerals[n - 1]), toc + 1) + 1;
            Assert.True(actual > 0, $"第{numerals[n - 1]}部分 not found");
            Assert.True(listed.TryGetValue($"part-{n}", out var stated), $"第{numerals[n - 1]}部分 missing from the 目录");
            Assert.Equal(actual, stated);
        }
        foreach (var t in tables)
            Assert.Equal(StartPage(pages, TableHeading(t.Schema.Number)) + 1, listed[$"table-{t.Schema.Number}"]);

        for (var i = 0; i < pages.Count; i++)
            Assert.Matches($@"第\s*{i + 1}\s*页\s*共\s*{pages.Count}\s*页", pages[i]);
        Assert.Contains($"第 1 版", pages[^1]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task FontsAreEmbeddedTrueTypeSubsetsAndMetadataNamesTheDocument(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var (disclosure, _) = Expected(doc);
        var pdf = await DownloadAsync(PdfPath(doc));

        var fonts = (await Poppler.FontsAsync(pdf)).Split('\n').SkipWhile(l => !l.StartsWith("---", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        foreach (var line in fonts)
        {
            var m = Regex.Match(line, @"^(?<name>\S+)\s+(?<type>.+?)\s+(?<enc>\S+)\s+(?<emb>yes|no)\s+(?<sub>yes|no)\s+(?<uni>yes|no)\s+\d+\s+\d+\s*$");
            Assert.True(m.Success, line);
            Assert.DoesNotContain("Type 3", m.Groups["type"].Value);
            Assert.Equal("yes", m.Groups["emb"].Value);
            Assert.Equal("yes", m.Groups["sub"].Value);
            Assert.Equal("yes", m.Groups["uni"].Value);
            Assert.Matches(@"^[A-Z]{6}\+", m.Groups["name"].Value);
        }

        var info = await Poppler.InfoAsync(pdf);
        Assert.Equal($"{disclosure.DepartmentName}{doc.FiscalYear}年部门预算公开", info["Title"]);
        Assert.Equal(disclosure.DepartmentName, info["Author"]);
        Assert.Contains($"{doc.FiscalYear} 年部门预算公开", info["Subject"]);
        Assert.StartsWith("594.96 x 841.92", info["Page    1 size"]);
        var raw = Encoding.Latin1.GetString(pdf);
        Assert.True(raw.Contains("/Lang (zh-CN)") || raw.Contains("/Lang <7A682D434E>"), "catalog has no /Lang zh-CN");

        // Wide tables print on landscape pages.
        var pages = await Poppler.PageTextsAsync(pdf);
        foreach (var wide in new[] { 2, 7, 11 })
        {
            var page = StartPage(pages, TableHeading(wide)) + 1;
            Assert.StartsWith("841.92 x 594.96", info[$"Page {page,4} size"]);
        }
    }

    [Fact]
    public async Task StoredOncePrintedOnceAndServedWithHashETagAndChineseFileName()
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var (disclosure, _) = Expected(doc);
        var store = portal.Services.GetRequiredService<DisclosurePdfStore>();

        using var first = await portal.Http.GetAsync(PdfPath(doc));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal($"\"{sha}\"", first.Headers.ETag?.Tag);

        var disposition = first.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"{disclosure.DepartmentName}{doc.FiscalYear}年部门预算公开.pdf", disposition.FileNameStar);
        Assert.Equal($"{doc.Department.Code}-{doc.FiscalYear}.pdf", disposition.FileName?.Trim('"'));
        var header = string.Join(";", first.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString($"{disclosure.DepartmentName}{doc.FiscalYear}年部门预算公开.pdf"), header);

        await using (var db = portal.NewDbContext())
        {
            var stored = await db.DisclosurePdfs.AsNoTracking()
                .Where(p => p.Part == DisclosurePdf.WholeDocument && db.Disclosures.Any(d => d.Id == p.DisclosureId && d.Department.Code == doc.Department.Code && d.FiscalYear == doc.FiscalYear))
                .SingleAsync();
            Assert.Equal(sha, stored.Sha256);
            Assert.Equal(bytes, stored.Content);
        }

        // The follow-up requests must reach the stored file, not the output cache in front of it.
        var cache = portal.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>();
        await BudgetPortal.Web.Infrastructure.PublishedContent.InvalidateAsync(cache);
        var printed = store.PrintCount;
        var again = await portal.Http.GetByteArrayAsync(PdfPath(doc));
        Assert.Equal(bytes, again);
        Assert.Equal(printed, store.PrintCount);

        await BudgetPortal.Web.Infrastructure.PublishedContent.InvalidateAsync(cache);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, PdfPath(doc));
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        using var notModified = await portal.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await BudgetPortal.Web.Infrastructure.PublishedContent.InvalidateAsync(cache);
        using var stale = new HttpRequestMessage(HttpMethod.Get, PdfPath(doc));
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{new string('0', 64)}\""));
        using var changed = await portal.Http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(printed, store.PrintCount);

        // The disclosure page shows the hash beside the download link.
        var page = await portal.GetPageAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}");
        Assert.Equal(sha, page.QuerySelector("code.sha256")?.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='{PdfPath(doc)}']"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public async Task APdfPerTableHoldsThatTablesFigures(int number)
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.Last()));
        var (disclosure, tables) = Expected(doc);
        var table = tables.Single(t => t.Schema.Number == number);
        var path = $"/departments/{doc.Department.Code}/{doc.FiscalYear}/tables/{number}.pdf";
        using var response = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{disclosure.DepartmentName}{doc.FiscalYear}年部门预算公开表{number}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var pages = await Poppler.PageTextsAsync(pdf);
        Assert.Matches(TableHeading(number), pages[0]);
        Assert.Contains(table.Schema.Title, pages[0]);
        var text = string.Join("\n", pages);
        var at = 0;
        var figures = table.Body.SelectMany(r => r.Cells).Where(c => c.Amount is not null).ToList();
        Assert.NotEmpty(figures);
        foreach (var cell in figures)
        {
            var next = FindFigure(text, cell.Text, at);
            Assert.True(next >= 0, $"表{number}: {cell.Text} ({cell.RowId}, {cell.Column}) missing");
            at = next;
        }
        var info = await Poppler.InfoAsync(pdf);
        Assert.StartsWith(table.Schema.Landscape ? "841.92 x 594.96" : "594.96 x 841.92", info["Page    1 size"]);

        using var outOfRange = await portal.Http.GetAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}/tables/12.pdf");
        Assert.Equal(HttpStatusCode.NotFound, outOfRange.StatusCode);
    }
}

/// <summary>A portal whose browser path does not exist: printing must fail cleanly.</summary>
public sealed class BrokenBrowserPortalFixture : PortalFixture
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Printing:ChromiumPath", "/nonexistent/chromium");
    }
}

public sealed class PdfPrintingFailureTests(BrokenBrowserPortalFixture portal) : IClassFixture<BrokenBrowserPortalFixture>
{
    [Fact]
    public async Task AMissingBrowserGivesA503InChineseAndStoresNothing()
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await portal.Http.GetAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}.pdf");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentDisposition);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("PDF 暂时无法生成", html);
            Assert.Contains("找不到 Chromium 浏览器", html);
            Assert.True(response.Headers.RetryAfter is not null);
        }
        await using var db = portal.NewDbContext();
        Assert.Equal(0, await db.DisclosurePdfs.CountAsync());
        Assert.Equal(0, portal.Services.GetRequiredService<DisclosurePdfStore>().PrintCount);
    }
}

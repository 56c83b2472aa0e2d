using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Printing;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Printing;

/// <summary>
/// The official PDF, downloaded over HTTP and read back as an auditor would: its text with poppler's
/// pdftotext -layout (as the import reads PDFs), its structure, outline, metadata and fonts with PdfPig.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DisclosurePdfTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    private static string PdfPath(DisclosureDocument doc) => $"/departments/{doc.Department.Code}/{doc.FiscalYear}.pdf";

    /// <summary>The seed's tables laid out by the domain, independently of the database and the print view.</summary>
    private static (Disclosure Disclosure, List<PrintedTable> Tables) Expected(DisclosureDocument doc)
    {
        var disclosure = new Disclosure(new Department(doc.Department.Code, doc.Department.Name), doc.FiscalYear);
        doc.ApplyTo(disclosure, null);
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

    /// <summary>A seed, its expected disclosure and tables, and its official PDF as downloaded.</summary>
    private async Task<(DisclosureDocument Doc, Disclosure Disclosure, List<PrintedTable> Tables, byte[] Pdf)> DownloadSeedAsync(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var (disclosure, tables) = Expected(doc);
        return (doc, disclosure, tables, await DownloadAsync(PdfPath(doc)));
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

    /// <summary>
    /// The 目录 as the official documents print it: a long title wraps its text, and its page number sits
    /// on the title's last line, right-aligned with every other number (the dot leader between them is drawn).
    /// </summary>
    [Fact]
    public async Task EachContentsEntrysPageNumberIsOnTheLastLineOfItsTitleRightAligned()
    {
        var (entries, wrapped) = (0, 0);
        foreach (string seed in Repo.SeedNames())
        {
            var pdf = await DownloadAsync(PdfPath(Repo.LoadSeed(seed)));
            var targets = PdfPigReader.ContentsTargets(pdf);
            var contents = PdfPigReader.ContentsEntries(pdf);
            Assert.Equal(targets.Count, contents.Count);
            var rights = new List<double>();
            foreach (var entry in contents)
            {
                var where = $"{seed} 目录 {entry.Target}: {string.Join(" | ", entry.Lines.Select(l => l.Text))}";
                var last = entry.Lines[^1];
                // The last line is the end of the title, then the page number the link leads to.
                var m = Regex.Match(last.Text, @"^(?<title>.*\D)(?<page>\d+)$");
                Assert.True(m.Success && m.Groups["title"].Value.Trim().Length > 0, $"{where}: the page number is not on the title's last line");
                Assert.Equal(targets[entry.Target], int.Parse(m.Groups["page"].Value));
                // Nothing of the entry reaches further right than its number (no number on an earlier line).
                Assert.All(entry.Lines.SkipLast(1), l => Assert.True(l.Right < last.Right - 6, $"{where}: line “{l.Text}” reaches the page-number column"));
                rights.Add(last.Right);
                entries++;
                if (entry.Lines.Count > 1) wrapped++;
            }
            // Right-aligned: every number ends at the same place.
            Assert.True(rights.Max() - rights.Min() < 1, $"{seed}: page numbers end between {rights.Min():0.0} and {rights.Max():0.0} pt");
        }
        // Not vacuous: the seeds' 目录 have their entries, and long titles that wrap.
        Assert.True(entries > 60, $"{entries} entries");
        Assert.True(wrapped > 0, "no 目录 entry wraps");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ContentsPageNumbersFooterAndPageCountAgreeWithThePages(string seed)
    {
        var (_, _, tables, pdf) = await DownloadSeedAsync(seed);
        var pages = await Poppler.PageTextsAsync(pdf);
        Assert.Equal(pages.Count, PdfPigReader.PageCount(pdf));

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
        var (doc, disclosure, tables, pdf) = await DownloadSeedAsync(seed);

        // Both CJK fonts (宋体-style body, 黑体-style headings), as CID TrueType subsets with a Unicode map: never Type 3.
        var fonts = PdfPigReader.Fonts(pdf);
        Assert.True(fonts.Count >= 2, string.Join(", ", fonts));
        foreach (var font in fonts)
        {
            Assert.Equal("Type0/CIDFontType2", font.Type);
            Assert.True(font.Embedded && font.Subset && font.ToUnicode, font.ToString());
        }

        var info = PdfPigReader.Information(pdf);
        Assert.Equal($"{disclosure.DepartmentName}{doc.FiscalYear}年部门预算公开", info.Title);
        Assert.Equal(disclosure.DepartmentName, info.Author);
        Assert.Equal($"{doc.FiscalYear} 年部门预算公开，第 1 版", info.Subject);
        Assert.Equal($"{disclosure.DepartmentName}；{doc.FiscalYear} 年；部门预算公开；第 1 版", info.Keywords);
        var created = info.GetCreatedDateTimeOffset();
        Assert.True(created is { } at && at > DateTimeOffset.UtcNow.AddHours(-2) && at <= DateTimeOffset.UtcNow.AddMinutes(1), $"CreationDate {info.CreationDate}");
        Assert.Equal(created, info.GetModifiedDateTimeOffset());

        // A4, and the wide tables on landscape pages.
        var sizes = PdfPigReader.PageSizes(pdf);
        Assert.Equal((594.96, 841.92), (Math.Round(sizes[0].Width, 2), Math.Round(sizes[0].Height, 2)));
        var targets = PdfPigReader.ContentsTargets(pdf);
        Assert.Equal([2, 7, 11], tables.Where(t => t.Schema.Landscape).Select(t => t.Schema.Number));
        for (var i = 0; i < tables.Count; i++)
        {
            var n = tables[i].Schema.Number;
            var end = i + 1 < tables.Count ? targets[$"table-{tables[i + 1].Schema.Number}"] : targets["part-3"];
            for (var page = targets[$"table-{n}"]; page < end; page++)
                Assert.True(tables[i].Schema.Landscape == sizes[page - 1].Width > sizes[page - 1].Height,
                    $"表{n} is printed on page {page}, {sizes[page - 1].Width} × {sizes[page - 1].Height}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task IsTaggedInChineseAndItsTextIsExtractable(string seed)
    {
        var (_, disclosure, tables, pdf) = await DownloadSeedAsync(seed);

        var (marked, structureTree, language, pageMode) = PdfPigReader.Tagging(pdf);
        Assert.True(marked, "the catalog has no /MarkInfo << /Marked true >>: the PDF is not tagged");
        Assert.True(structureTree, "the catalog has no /StructTreeRoot with elements");
        Assert.Equal("zh-CN", language);
        Assert.Equal("UseOutlines", pageMode);

        // PdfPig finds the Chinese text on the pages the 目录 gives: every table's title, the department's name on the cover.
        var texts = PdfPigReader.PageTexts(pdf).Select(t => Regex.Replace(t, @"\s", "")).ToList();
        Assert.Contains(disclosure.DepartmentName, texts[0]);
        var targets = PdfPigReader.ContentsTargets(pdf);
        foreach (var table in tables)
            Assert.Contains(Regex.Replace(table.Schema.Title, @"\s", ""), texts[targets[$"table-{table.Schema.Number}"] - 1]);
        Assert.Contains("名词解释", texts[targets["part-4"] - 1]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task TheOutlineHasEveryPartTableAndNoteSectionNestedWhereTheContentsSay(string seed)
    {
        var (doc, disclosure, tables, pdf) = await DownloadSeedAsync(seed);
        var outline = PdfPigReader.Outline(pdf);
        var targets = PdfPigReader.ContentsTargets(pdf);
        static string Plain(string s) => Regex.Replace(s, @"\s", "");
        Bookmark Part(int n, string title)
        {
            var part = outline.SingleOrDefault(b => Plain(b.Title) == Plain(title));
            Assert.True(part is not null, $"no bookmark {title} among {string.Join(" | ", outline.Select(b => b.Title))}");
            Assert.Equal(targets[$"part-{n}"], part.Page);
            return part;
        }
        var year = doc.FiscalYear;
        var name = disclosure.DepartmentName;

        var overview = Part(1, $"第一部分 {year} 年{name}部门概况");
        Assert.Equal(["一、 主要职能", "二、 机构设置及人员情况"], overview.Children.Select(b => b.Title));

        // 第二部分: the eleven tables, in order, each named 表 N and its title, on its own page.
        var part2 = Part(2, $"第二部分 {year} 年部门预算公开表");
        Assert.Equal(11, part2.Children.Count);
        Assert.Equal(tables.Select(t => $"表 {t.Schema.Number} {t.Schema.Title}"), part2.Children.Select(b => b.Title));
        Assert.Equal(tables.Select(t => targets[$"table-{t.Schema.Number}"]), part2.Children.Select(b => b.Page));

        // 第三部分: the twelve note sections, each with its sub-sections; the performance sheets under （四）预算绩效情况.
        var part3 = Part(3, $"第三部分 {year} 年部门预算情况说明");
        var sections = disclosure.Notes.Where(n => !n.IsSubSection).ToList();
        Assert.Equal(12, sections.Count);
        Assert.Equal(sections.Select(n => Plain(n.Heading)), part3.Children.Select(b => Plain(b.Title)));
        for (var i = 0; i < sections.Count; i++)
        {
            var bookmark = part3.Children[i];
            Assert.Equal(targets[$"note-{sections[i].Key}"], bookmark.Page);
            var subSections = disclosure.Notes.Where(n => n.IsSubSection && n.Key.StartsWith(sections[i].Key + ".", StringComparison.Ordinal)).ToList();
            Assert.Equal(subSections.Select(n => Plain(n.Heading)), bookmark.Children.Select(b => Plain(b.Title)));
            foreach (var (sub, child) in subSections.Zip(bookmark.Children))
                Assert.Equal(sub.Key == "12.4" ? disclosure.PerformanceSheets.Select(s => Plain(s.Title)) : [], child.Children.Select(b => Plain(b.Title)));
        }
        Assert.NotEmpty(disclosure.PerformanceSheets);

        Assert.Empty(Part(4, "第四部分 名词解释").Children);
        // Besides the four parts, only the 目录 itself.
        Assert.Equal(5, outline.Count);
        Assert.Equal("目 录", outline[0].Title);
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
        await BudgetPortal.Web.Infrastructure.PublishedContent.EverythingChangedAsync(cache);
        var printed = store.PrintCount;
        var again = await portal.Http.GetByteArrayAsync(PdfPath(doc));
        Assert.Equal(bytes, again);
        Assert.Equal(printed, store.PrintCount);

        await BudgetPortal.Web.Infrastructure.PublishedContent.EverythingChangedAsync(cache);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, PdfPath(doc));
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        using var notModified = await portal.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await BudgetPortal.Web.Infrastructure.PublishedContent.EverythingChangedAsync(cache);
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
        var size = PdfPigReader.PageSizes(pdf)[0];
        Assert.Equal(table.Schema.Landscape, size.Width > size.Height);
        // Its one bookmark names the table; its title says which table of which disclosure.
        Assert.Equal($"表 {number} {table.Schema.Title}", Assert.Single(PdfPigReader.Outline(pdf)).Title);
        Assert.Equal($"{disclosure.DepartmentName}{doc.FiscalYear}年部门预算公开 表{number} {table.Schema.Title}", PdfPigReader.Information(pdf).Title);

        using var outOfRange = await portal.Http.GetAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}/tables/12.pdf");
        Assert.Equal(HttpStatusCode.NotFound, outOfRange.StatusCode);
    }
}

/// <summary>A portal whose browser path does not exist: printing must fail cleanly.</summary>
public sealed class BrokenBrowserPortalFixture() : PortalFixture(("Printing:ChromiumPath", "/nonexistent/chromium"));

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

using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using static BudgetPortal.Web.Tests.Public.LineBasedPortalFixture;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// A published line-based disclosure publishes its lines: the 预算明细 section of its page (grouped, summed,
/// filtered without a script), lines.csv in the line template's columns, the API's lines, and the year's
/// package; a table-based one has none of these. The official PDF stays the four parts.
/// </summary>
public sealed class BudgetLinesTests(LineBasedPortalFixture portal) : IClassFixture<LineBasedPortalFixture>
{
    private static readonly string Page = $"/departments/{LineBased}/{Year}";
    private static string M(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);
    private static decimal Amount(string text) => decimal.Parse(text.Trim(), CultureInfo.InvariantCulture);

    /// <summary>The 预算明细 table's groups as shown: title, subtotal, and each line's cells.</summary>
    private static List<(string Group, decimal Subtotal, List<string[]> Lines)> Groups(IDocument page) =>
        page.QuerySelectorAll("#budget-lines table.lines tbody[data-group]").Select(body =>
        {
            var rows = body.QuerySelectorAll("tr").ToList();
            return (body.GetAttribute("data-group")!, Amount(rows[0].QuerySelector("td")!.TextContent),
                rows.Skip(1).Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList());
        }).ToList();

    [Fact]
    public async Task ThePageListsTheLinesByProjectWithTheirSumsAfterTheTables()
    {
        var page = await portal.GetPageAsync(Page);
        var section = page.QuerySelector("#budget-lines");
        Assert.NotNull(section);
        Assert.Equal("预算明细", section!.QuerySelector("h2")!.TextContent);
        // After the eleven tables, before 情况说明; and in the 目录.
        var ids = page.QuerySelectorAll("section.part").Select(s => s.Id).ToList();
        Assert.Equal(["part-1", "part-2", "budget-lines", "part-3", "part-4"], ids);
        Assert.NotNull(page.QuerySelector("nav.toc a[href='#budget-lines']"));
        Assert.Contains("由以下 12 条明细", section.TextContent);

        // 基本支出 first, then the projects in the order they were first entered; each group in code order.
        var groups = Groups(page);
        Assert.Equal(["基本支出", Attracting, Exchange], groups.Select(g => g.Group));
        foreach (var (group, subtotal, lines) in groups)
        {
            var expected = Lines.Where(l => (l.Project ?? "基本支出") == group)
                .OrderBy(l => l.FunctionalCode, StringComparer.Ordinal).ThenBy(l => l.EconomicCode, StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(l => ClassificationCode.Printed(l.FunctionalCode) + " " + ClassificationCode.Printed(l.EconomicCode) + " " + M(l.Amount)),
                lines.Select(cells => $"{cells[0]} {cells[2]} {cells[6]}"));
            Assert.Equal(expected.Sum(l => l.Amount), subtotal);
            Assert.Equal(subtotal, lines.Sum(cells => Amount(cells[6])));
        }
        Assert.Contains($"（项目负责人：王芳）", section.QuerySelector($"tbody[data-group='{Attracting}'] th")!.TextContent);
        // Names from the year's catalogs, the type and the source in the template's words.
        var first = groups[0].Lines[0];
        Assert.Equal(["201 31 50", "事业运行", "301 01", "基本工资", "人员经费", "一般公共预算拨款", "120.50"], first);

        // The total is 表1's 支出总计 and 表3's 合计: the tables were computed from these lines.
        var total = Amount(section.QuerySelector("tfoot td")!.TextContent);
        Assert.Equal(Lines.Sum(l => l.Amount), total);
        Assert.Equal(M(total), page.QuerySelector("#table-3 td[data-row='total'][data-column='total']")!.TextContent.Trim());
        Assert.Equal(M(total), section.QuerySelector(".lines-total")!.TextContent);
        Assert.NotNull(section.QuerySelector($"a[href='{Page}/lines.csv']"));
        Assert.NotNull(section.QuerySelector($"a[href='/api/v1/disclosures/{LineBased}/{Year}/lines']"));
    }

    [Theory]
    [InlineData(Attracting, 3)]
    [InlineData("招商", 3)]
    [InlineData("302", 7)]
    [InlineData("201 31", 9)]
    [InlineData("王芳", 3)]
    [InlineData("基本支出", 7)]
    [InlineData("单位资金", 1)]
    [InlineData("住房公积金", 1)]
    public async Task TheFilterKeepsTheLinesWhoseCodeStartsWithItOrWhoseWordsContainIt(string filter, int count)
    {
        // The expectation follows the rule from the test's own lines: a code's start, else a word.
        var digits = filter.Replace(" ", "");
        var expected = digits.All(char.IsAsciiDigit)
            ? Lines.Where(l => l.FunctionalCode.StartsWith(digits, StringComparison.Ordinal) || l.EconomicCode.StartsWith(digits, StringComparison.Ordinal)).ToList()
            : null;
        if (expected is not null) Assert.Equal(count, expected.Count);

        var page = await portal.GetPageAsync($"{Page}?lines={Uri.EscapeDataString(filter)}");
        var groups = Groups(page);
        Assert.Equal(count, groups.Sum(g => g.Lines.Count));
        if (expected is not null)
            Assert.Equal(expected.Select(l => M(l.Amount)).Order(), groups.SelectMany(g => g.Lines.Select(c => c[6])).Order());
        var shown = groups.Sum(g => g.Subtotal);
        Assert.Equal(shown, Amount(page.QuerySelector("#budget-lines tfoot td")!.TextContent));
        Assert.Contains($"筛选“{filter}”：{count} 条明细，合计 {M(shown)} 万元", page.QuerySelector(".lines-matching")!.TextContent);
        Assert.Equal(filter, page.QuerySelector("#lines-filter")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"#budget-lines a[href='{Page}#budget-lines']"));
    }

    [Fact]
    public async Task AFilterThatMatchesNothingSaysSoAndATooLongOneIsRefused()
    {
        var none = await portal.GetPageAsync($"{Page}?lines={Uri.EscapeDataString("没有这个项目")}");
        Assert.Empty(Groups(none));
        Assert.Contains("没有符合筛选条件的明细", none.QuerySelector("#budget-lines")!.TextContent);

        var tooLong = new string('项', BudgetLinesView.MaxFilterLength + 1);
        var page = await portal.GetPageAsync($"{Page}?lines={Uri.EscapeDataString(tooLong)}");
        Assert.Contains($"至多 {BudgetLinesView.MaxFilterLength} 个字", page.QuerySelector("#budget-lines .errors")!.TextContent);
        Assert.Equal(Lines.Count, Groups(page).Sum(g => g.Lines.Count));
    }

    [Fact]
    public async Task TheFilterIsCachedUnderItsOwnKeyAndOtherParametersAreNot()
    {
        var a = await portal.Http.GetStringAsync($"{Page}?lines=302");
        var b = await portal.Http.GetStringAsync($"{Page}?lines=301");
        Assert.NotEqual(a, b);
        Assert.Equal(a, await portal.Http.GetStringAsync($"{Page}?lines=302&x=1"));
        using var queries = new QueryCounter(portal.Database.Name);
        Assert.Equal(a, await portal.Http.GetStringAsync($"{Page}?x=2&lines=302"));
        Assert.Equal(0, queries.Count);
    }

    [Fact]
    public async Task PastTheLimitThePageListsTheProjectsSumsEachLinkingToItsLines()
    {
        var address = $"/departments/{ManyLines}/{Year}";
        var page = await portal.GetPageAsync(address);
        var section = page.QuerySelector("#budget-lines")!;
        Assert.True(ManyProjects.Sum(p => p.Lines) > BudgetLinesView.MaxShownLines);
        Assert.Empty(Groups(page));
        var rows = section.QuerySelectorAll("tbody tr.group").ToList();
        Assert.Equal(ManyProjects.Select(p => p.Project), rows.Select(r => r.GetAttribute("data-group")));
        var all = ManyLinesOf().ToList();
        foreach (var (row, (project, count)) in rows.Zip(ManyProjects))
        {
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), row.QuerySelectorAll("td")[1].TextContent.Trim());
            Assert.Equal(M(all.Where(l => l.Project == project).Sum(l => l.Amount)), row.QuerySelectorAll("td")[2].TextContent.Trim());
        }
        Assert.Equal(M(all.Sum(l => l.Amount)), section.QuerySelector("tfoot td")!.TextContent.Trim());

        // A project's link lists its lines.
        var link = rows[0].QuerySelector("a")!.GetAttribute("href")!;
        Assert.EndsWith("#budget-lines", link);
        var filtered = await portal.GetPageAsync(link.Split('#')[0]);
        var groups = Groups(filtered);
        Assert.Equal([ManyProjects[0].Project], groups.Select(g => g.Group));
        Assert.Equal(ManyProjects[0].Lines, groups[0].Lines.Count);
    }

    [Fact]
    public async Task LinesCsvHasTheTemplatesColumnsAndReadsBackAsTheSameLines()
    {
        using var response = await portal.Http.GetAsync($"{Page}/lines.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Contains("public", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        var rows = Csv.Parse(text, 100, 1000);
        Assert.Equal(LineSheet.Headers, rows[0].Cells);
        Assert.Equal(["201 31 50", "事业运行", "301 01", "基本工资", "人员经费", "", "", "一般公共预算拨款", "120.50"], rows[1].Cells);

        // What an officer would upload: the same lines, in the order they were entered.
        var read = LineSheet.Read(Csv.Grid(rows));
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        Assert.Equal(Lines.Select(l => l.ToString()), read.Lines.Select(l => l.ToString()));
        Assert.Equal(Lines.Select(l => l.ProjectLeader), read.Lines.Select(l => l.ProjectLeader));

        // Cached like the API: an ETag, and 304 when unchanged.
        Assert.NotNull(response.Headers.ETag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Page}/lines.csv");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var again = await portal.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        // And answered from the output cache, whatever parameter is added: the same bytes without a query.
        using var queries = new QueryCounter(portal.Database.Name);
        Assert.Equal(bytes, await portal.Http.GetByteArrayAsync($"{Page}/lines.csv?x=1"));
        Assert.Equal(0, queries.Count);
    }

    [Fact]
    public async Task TheApiGivesTheLinesAndTheDisclosureSaysItIsLineBased()
    {
        var lines = JsonDocument.Parse(await portal.DownloadAsync($"/api/v1/disclosures/{LineBased}/{Year}/lines", "application/json"))
            .RootElement.EnumerateArray().ToList();
        Assert.Equal(Lines.Count, lines.Count);
        foreach (var (json, line) in lines.Zip(Lines))
        {
            Assert.Equal(line.FunctionalCode, json.GetProperty("functionalCode").GetString());
            Assert.Equal(line.EconomicCode, json.GetProperty("economicCode").GetString());
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(line.Spending.ToString()), json.GetProperty("spending").GetString());
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(line.Source.ToString()), json.GetProperty("source").GetString());
            Assert.Equal(line.SourceInfo.Label, json.GetProperty("sourceLabel").GetString());
            Assert.Equal(line.Project, json.GetProperty("project").GetString());
            Assert.Equal(line.ProjectLeader, json.GetProperty("projectLeader").GetString());
            Assert.Equal(line.Amount, json.GetProperty("amount").GetDecimal());
        }
        Assert.Equal("事业运行", lines[0].GetProperty("functionalName").GetString());
        Assert.Equal("基本工资", lines[0].GetProperty("economicName").GetString());

        var disclosure = JsonDocument.Parse(await portal.Http.GetStringAsync($"/api/v1/disclosures/{LineBased}/{Year}")).RootElement;
        Assert.Equal("lines", disclosure.GetProperty("basis").GetString());
        var tables = JsonDocument.Parse(await portal.Http.GetStringAsync($"/api/v1/disclosures/{TableBased}/{Year}")).RootElement;
        Assert.Equal("tables", tables.GetProperty("basis").GetString());
    }

    [Fact]
    public async Task ATableBasedDisclosureHasNoLinesSectionCsvOrApiLines()
    {
        var page = await portal.GetPageAsync($"/departments/{TableBased}/{Year}");
        Assert.NotNull(page.QuerySelector("#part-3"));
        Assert.Null(page.QuerySelector("#budget-lines"));
        Assert.Null(page.QuerySelector("nav.toc a[href='#budget-lines']"));

        using var csv = await portal.Http.GetAsync($"/departments/{TableBased}/{Year}/lines.csv");
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        using var api = await portal.Http.GetAsync($"/api/v1/disclosures/{TableBased}/{Year}/lines");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("按表格编制，没有预算明细", await api.Content.ReadAsStringAsync());

        // And nothing unpublished: an unknown department's lines are 404 too.
        Assert.Equal(HttpStatusCode.NotFound, (await portal.Http.GetAsync($"/departments/nobody/{Year}/lines.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.Http.GetAsync($"/api/v1/disclosures/nobody/{Year}/lines")).StatusCode);
    }

    [Fact]
    public async Task TheYearPackageHoldsTheLinesOfEveryLineBasedDisclosureAndDescribesThem()
    {
        await using var stream = new MemoryStream(await portal.DownloadAsync($"/downloads/{Year}.zip", "application/zip"));
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        using var descriptorReader = new StreamReader(zip.GetEntry("datapackage.json")!.Open());
        var resources = JsonDocument.Parse(await descriptorReader.ReadToEndAsync()).RootElement.GetProperty("resources").EnumerateArray().ToList();
        Assert.All(resources, r => Assert.NotNull(zip.GetEntry(r.GetProperty("path").GetString()!)));

        var csv = await portal.DownloadAsync($"{Page}/lines.csv");
        // Each department's files are in a folder named by its name, beside its tables.
        string Folder(string code) => resources.Single(r => r.GetProperty("name").GetString() == $"{code}-table-3").GetProperty("path").GetString()!.Split('/')[0];
        foreach (var code in new[] { LineBased, ManyLines })
        {
            Assert.NotEqual(code, Folder(code));
            var resource = resources.Single(r => r.GetProperty("path").GetString() == $"{Folder(code)}/预算明细.csv");
            Assert.Equal($"{code}-line-items", resource.GetProperty("name").GetString());
            Assert.Equal(LineSheet.Headers,
                resource.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!));
        }
        // The package's file is the download's, byte for byte.
        await using var entry = zip.GetEntry($"{Folder(LineBased)}/预算明细.csv")!.Open();
        using var copy = new MemoryStream();
        await entry.CopyToAsync(copy);
        Assert.Equal(csv, copy.ToArray());
        // The table-based disclosure's tables are there, and no lines.
        Assert.NotNull(zip.GetEntry($"{Folder(TableBased)}/表3.csv"));
        Assert.Null(zip.GetEntry($"{Folder(TableBased)}/预算明细.csv"));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheLinesEndpointAndTheCsv()
    {
        var paths = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/openapi.json")).RootElement.GetProperty("paths");
        var lines = paths.GetProperty("/api/v1/disclosures/{code}/{year}/lines").GetProperty("get");
        Assert.Equal("listBudgetLines", lines.GetProperty("operationId").GetString());
        Assert.True(lines.GetProperty("responses").TryGetProperty("404", out _));
        Assert.Equal("downloadLinesCsv", paths.GetProperty("/departments/{code}/{year}/lines.csv").GetProperty("get").GetProperty("operationId").GetString());
    }

    [Fact]
    public async Task TheOfficialPdfIsTheFourPartsWithoutTheLines()
    {
        var pdf = await portal.DownloadAsync($"{Page}.pdf", "application/pdf");
        var text = string.Join("\n", await Poppler.PageTextsAsync(pdf));
        Assert.Contains("第三部分", text);
        Assert.Contains(LineBasedName, text);
        Assert.DoesNotContain("预算明细", text);
    }
}

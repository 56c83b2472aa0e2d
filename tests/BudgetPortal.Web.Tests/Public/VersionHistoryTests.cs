using System.Net;
using System.Text.Json;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>A portal where 002 has been corrected once: version 2 changes 表10's 公务接待费 and one note paragraph.</summary>
public sealed class CorrectedPortalFixture : PortalFixture
{
    public const string Reason = "更正公务接待费";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = NewDbContext();
        var v1 = await db.Disclosures.AsSplitQuery().Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes).ThenInclude(n => n.Lines).Include(d => d.Notes).ThenInclude(n => n.Figures)
            .Include(d => d.PerformanceSheets).ThenInclude(s => s.Indicators)
            .SingleAsync(d => d.Department.Code == "dkyj" && d.FiscalYear == 2024);
        var doc = v1.ToDocument();
        foreach (var row in doc.Tables["10"].Rows.Where(r => r.Key is "reception" or "total"))
        {
            row.Cells["total"] += 0.10m;
            row.Cells["generalBudget"] += 0.10m;
        }
        doc.Notes.First(n => n.Key == "10").Paragraphs[0] += "（已更正）";
        await using var tx = await db.Database.BeginTransactionAsync();
        var v2 = new Disclosure(v1.Department, 2024, version: 2);
        doc.ApplyTo(v2, null);
        db.Disclosures.Add(v2);
        await db.SaveChangesAsync();
        v2.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(v2), Reason);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        await PublishedContent.EverythingChangedAsync(Services.GetRequiredService<IOutputCacheStore>());
    }
}

/// <summary>The corrected portal, shared by the HTTP and the browser tests of versions (one portal, one print of each version).</summary>
[CollectionDefinition(Name)]
public sealed class CorrectedPortalCollection : ICollectionFixture<CorrectedPortalFixture>
{
    public const string Name = "corrected portal";
}

[Collection(CorrectedPortalCollection.Name)]
public sealed class VersionHistoryTests(CorrectedPortalFixture portal)
{
    /// <summary>表10's 公务接待费 as each version publishes it (version 2 corrects it by 0.10).</summary>
    public const string ReceptionBefore = "1.50", ReceptionAfter = "1.60";

    private const string Reception = "#table-10 td[data-row='fixed:reception'][data-column='total']";

    [Fact]
    public async Task TheDisclosurePageShowsTheLatestVersionItsReasonAndLinksToTheHistory()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024");
        var version = page.QuerySelector(".version")!.TextContent;
        Assert.Contains("第 2 版", version);
        Assert.Contains(CorrectedPortalFixture.Reason, version);
        Assert.NotNull(page.QuerySelector("a[href='/departments/dkyj/2024/versions']"));
        Assert.Equal(ReceptionAfter, page.QuerySelector(Reception)!.TextContent.Trim());
    }

    [Fact]
    public async Task TheHistoryListsEveryVersionWithItsDateAndReason()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions");
        var rows = page.QuerySelectorAll("table.versions tbody tr");
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-version")));
        Assert.Contains(CorrectedPortalFixture.Reason, rows[0].TextContent);
        Assert.Contains("首次发布", rows[1].TextContent);
        Assert.Contains("2024 年 2 月 23 日", rows[1].TextContent);
    }

    [Fact]
    public async Task TheChangesOfACorrectionAreShownTableByTable()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions?v=2");
        var changes = page.QuerySelectorAll("table.cell-changes");
        var table10 = Assert.Single(changes);
        Assert.Equal("10", table10.GetAttribute("data-table"));
        var cells = table10.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(cells, c => c.Contains("公务接待费") && c.Contains("1.50") && c.Contains("1.60"));
        Assert.Equal(4, cells.Count); // 合计 and 公务接待费, each in 合计 and 一般公共预算
        var texts = page.QuerySelector("table.text-changes")!.TextContent;
        Assert.Contains("情况说明十 第 1 段", texts);
        Assert.Contains("（已更正）", texts);
    }

    [Fact]
    public async Task TheApiGivesTheLatestVersion()
    {
        var json = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/disclosures/dkyj/2024")).RootElement;
        Assert.Equal(2, json.GetProperty("version").GetInt32());
        Assert.Equal(CorrectedPortalFixture.Reason, json.GetProperty("correctionReason").GetString());
    }

    [Fact]
    public async Task TheHistoryLinksEachVersionsOwnPageDataAndPdf()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions");
        foreach (var n in new[] { 1, 2 })
        {
            var row = page.QuerySelector($"table.versions tbody tr[data-version='{n}']")!;
            Assert.Equal($"/departments/dkyj/2024/versions/{n}", row.QuerySelector("th a.version-page")!.GetAttribute("href"));
            Assert.Equal($"第 {n} 版", row.QuerySelector("th a.version-page")!.TextContent.Trim());
            Assert.NotNull(row.QuerySelector($"a[href='/api/v1/disclosures/dkyj/2024/versions/{n}']"));
            Assert.Equal($"/departments/dkyj/2024/versions/{n}.pdf", row.QuerySelector("a.version-pdf")!.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task AnOldVersionIsShownWholeAsPublishedMarkedWithItsNumberAndTheWayToTheLatest()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions/1");
        var version = page.QuerySelector(".older-version")!.TextContent;
        Assert.Contains("这是第 1 版", version);
        Assert.Contains("2024 年 2 月 23 日", version);
        Assert.Contains("现行版本是第 2 版", version);
        Assert.Equal("/departments/dkyj/2024", page.QuerySelector("a.latest-version")!.GetAttribute("href"));
        Assert.Contains("第 1 版", page.Title);
        // The figures and the text as version 1 published them, all eleven tables and the notes.
        Assert.Equal(ReceptionBefore, page.QuerySelector(Reception)!.TextContent.Trim());
        Assert.Equal(11, page.QuerySelectorAll("section.budget-table").Length);
        Assert.DoesNotContain("（已更正）", page.QuerySelector("#part-3")!.TextContent);
        // Its own PDF, data and files, not the latest's: each table's downloads are this version's.
        Assert.NotNull(page.QuerySelector("a[href='/departments/dkyj/2024/versions/1.pdf']"));
        Assert.NotNull(page.QuerySelector("a[href='/api/v1/disclosures/dkyj/2024/versions/1']"));
        Assert.NotNull(page.QuerySelector("a[href='/departments/dkyj/2024/versions/1.xlsx']"));
        Assert.Null(page.QuerySelector("a[href='/departments/dkyj/2024.pdf']"));
        Assert.Null(page.QuerySelector("a[href^='/departments/dkyj/2024/tables/']"));
        Assert.Null(page.QuerySelector("a[href='/departments/dkyj/2024.xlsx']"));
        for (var n = 1; n <= 11; n++)
        {
            Assert.NotNull(page.QuerySelector($"#table-{n} a[href='/departments/dkyj/2024/versions/1/tables/{n}.csv']"));
            Assert.NotNull(page.QuerySelector($"#table-{n} a[href='/departments/dkyj/2024/versions/1/tables/{n}.pdf']"));
        }
    }

    [Fact]
    public async Task TheLatestVersionsOwnPageSaysItIsTheLatest()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions/2");
        var version = page.QuerySelector(".older-version")!.TextContent;
        Assert.Contains("这是第 2 版", version);
        Assert.Contains(CorrectedPortalFixture.Reason, version);
        Assert.Contains("现行（最新）版本", version);
        Assert.Equal(ReceptionAfter, page.QuerySelector(Reception)!.TextContent.Trim());
        Assert.Contains("（已更正）", page.QuerySelector("#part-3")!.TextContent);
    }

    [Fact]
    public async Task TheApiGivesEachVersionAtItsOwnAddress()
    {
        static decimal ReceptionOf(JsonElement root) => root.GetProperty("tables").GetProperty("10").GetProperty("rows").EnumerateArray()
            .Single(r => r.TryGetProperty("key", out var k) && k.GetString() == "reception").GetProperty("cells").GetProperty("total").GetDecimal();
        var v1 = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/disclosures/dkyj/2024/versions/1")).RootElement;
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, v1.GetProperty("correctionReason").ValueKind);
        Assert.Equal(decimal.Parse(ReceptionBefore, System.Globalization.CultureInfo.InvariantCulture), ReceptionOf(v1));
        Assert.Equal("/departments/dkyj/2024/versions/1.pdf", v1.GetProperty("officialPdf").GetString());
        var v2 = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/disclosures/dkyj/2024/versions/2")).RootElement;
        Assert.Equal(CorrectedPortalFixture.Reason, v2.GetProperty("correctionReason").GetString());
        Assert.Equal(decimal.Parse(ReceptionAfter, System.Globalization.CultureInfo.InvariantCulture), ReceptionOf(v2));

        var list = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/disclosures/dkyj/2024/versions")).RootElement.EnumerateArray().ToList();
        Assert.Equal([1, 2], list.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([false, true], list.Select(v => v.GetProperty("latest").GetBoolean()));
        Assert.Equal("/departments/dkyj/2024/versions/1", list[0].GetProperty("page").GetString());
        Assert.Equal("/api/v1/disclosures/dkyj/2024/versions/2", list[1].GetProperty("api").GetString());
    }

    [Theory]
    [InlineData("/departments/dkyj/2024/versions/3")]
    [InlineData("/departments/dkyj/2024/versions/0")]
    [InlineData("/departments/dkyj/2024/versions/-1")]
    [InlineData("/departments/dkyj/1999/versions/1")]
    [InlineData("/departments/nosuch/2024/versions/1")]
    [InlineData("/departments/dkyj/2024/versions/3.pdf")]
    [InlineData("/departments/dkyj/1999/versions/1.pdf")]
    [InlineData("/departments/dkyj/2024/versions/99999999999")]
    public async Task AVersionThatWasNotPublishedIsAChinese404Page(string path)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html);
        // A year that has versions says which ones.
        if (path is "/departments/dkyj/2024/versions/3" or "/departments/dkyj/2024/versions/0")
            Assert.Contains("已发布的是第 1 版至第 2 版", html);
    }

    [Theory]
    [InlineData("/api/v1/disclosures/dkyj/2024/versions/3", "已发布的是第 1 版至第 2 版")]
    [InlineData("/api/v1/disclosures/dkyj/2024/versions/0", "没有第 0 版")]
    [InlineData("/api/v1/disclosures/dkyj/1999/versions/1", "没有找到")]
    [InlineData("/api/v1/disclosures/dkyj/1999/versions", "没有找到")]
    public async Task AVersionThatWasNotPublishedIsAChineseProblemInTheApi(string path, string said)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(said, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnOldVersionsPdfIsTheOnePrintedForThatVersion()
    {
        var v1 = await portal.DownloadAsync("/departments/dkyj/2024/versions/1.pdf", "application/pdf");
        Assert.Equal("2024 年部门预算公开，第 1 版", PdfPigReader.Information(v1).Subject);
        var pages = await Poppler.PageTextsAsync(v1);
        Assert.All(pages.Skip(1), p => Assert.Contains("第 1 版", p));
        // 表10 as version 1 printed it: its 公务接待费 before the correction.
        var table10 = pages.Single(p => System.Text.RegularExpressions.Regex.IsMatch(p, @"(?m)^\s*表\s*10\s*$"));
        var reception = table10.Split('\n').Single(l => l.Contains("公务接待费"));
        Assert.Contains(ReceptionBefore, reception);
        Assert.DoesNotContain(ReceptionAfter, reception);
        // Stored: asked again, the same bytes, and the page shows its hash.
        Assert.Equal(v1, await portal.DownloadAsync("/departments/dkyj/2024/versions/1.pdf"));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(v1));
        Assert.Equal(sha, (await portal.GetPageAsync("/departments/dkyj/2024/versions/1")).QuerySelector("code.sha256")?.TextContent);
    }

    [Fact]
    public async Task AnOldVersionsBadgesLeadToItsOwnChecks()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions/1");
        Assert.Equal("/departments/dkyj/2024/checks?v=1", page.QuerySelector(".check-badge a")!.GetAttribute("href"));
        var checks = await portal.GetPageAsync("/departments/dkyj/2024/checks?v=1");
        Assert.Contains("第 1 版", checks.QuerySelector("h1")!.TextContent);
        Assert.NotNull(checks.QuerySelector("nav.crumbs a[href='/departments/dkyj/2024/versions/1']"));
        var json = checks.QuerySelector("a[href='/api/v1/disclosures/dkyj/2024/versions/1/checks']");
        Assert.NotNull(json);
        var comparisons = JsonDocument.Parse(await portal.Http.GetStringAsync(json!.GetAttribute("href"))).RootElement;
        Assert.True(comparisons.GetArrayLength() > 50);
        // The year's page still leads to the latest version's checks.
        Assert.Contains("第 2 版", (await portal.GetPageAsync("/departments/dkyj/2024/checks")).QuerySelector("h1")!.TextContent);
        Assert.Equal("/departments/dkyj/2024/checks", (await portal.GetPageAsync("/departments/dkyj/2024")).QuerySelector(".check-badge a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheChecksOfAVersionThatWasNotPublishedAreAChinese404()
    {
        using var response = await portal.Http.GetAsync("/departments/dkyj/2024/checks?v=7");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("没有第 7 版", await response.Content.ReadAsStringAsync());
        using var api = await portal.Http.GetAsync("/api/v1/disclosures/dkyj/2024/versions/7/checks");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}

using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>The seeds and a synthetic archive of 60 departments × 2024–2025 (SyntheticArchive, through the triggers, as the application role).</summary>
public sealed class ArchivePortalFixture : PortalFixture
{
    public const int Departments = 60;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SyntheticArchive.GenerateAsync(Database.ConnectionString, 1, Departments, 2024, 2025, batchDepartments: 30);
        await PublishedContent.EverythingChangedAsync(Services.GetRequiredService<IOutputCacheStore>());
    }
}

/// <summary>
/// Keyset paging of the home page, the ranking and the API's department list; the public summaries
/// following publication and correction; the in-memory reference lists after a publication (issue 15).
/// Tests that publish use departments of their own, so the others' counts hold in any order.
/// </summary>
public sealed class ArchivePagingTests(ArchivePortalFixture portal) : IClassFixture<ArchivePortalFixture>
{
    /// <summary>How many versions and departments are public now (the tests that publish add some).</summary>
    private async Task<(int Versions, int Departments, int In2025)> PublicAsync()
    {
        await using var db = portal.NewDbContext();
        return (await db.PublishedSummaries.CountAsync(), await db.PublishedSummaries.Select(s => s.DepartmentCode).Distinct().CountAsync(),
            await db.PublishedSummaries.CountAsync(s => s.FiscalYear == 2025));
    }

    private static List<(string Code, int Year)> Rows(IDocument page) =>
        page.QuerySelectorAll("table.results tbody tr").Select(r => (
            r.QuerySelector("th a")!.GetAttribute("href")!.Split('/')[2],
            int.Parse(r.QuerySelector("td a")!.GetAttribute("href")!.Split('/')[3]))).ToList();

    private static string? Link(IDocument page, string rel) =>
        page.QuerySelector($"nav.pager a[rel='{rel}']")?.GetAttribute("href");

    [Fact]
    public async Task TheHomePageIsReadPageByPageFromFirstToLastWithEveryVersionOnce()
    {
        var (listed, _, _) = await PublicAsync();
        Assert.InRange(listed, 124, 200);
        var first = await portal.GetPageAsync("/");
        Assert.Contains($"共 {listed} 条", first.QuerySelector("caption")!.TextContent);
        Assert.Null(Link(first, "prev"));
        Assert.Null(Link(first, "first"));
        Assert.NotNull(Link(first, "last"));
        var seen = new List<(string Code, int Year)>();
        var page = first;
        var pages = 0;
        while (true)
        {
            var rows = Rows(page);
            Assert.InRange(rows.Count, 1, DisclosureSearch.PageSize);
            seen.AddRange(rows);
            pages++;
            if (Link(page, "next") is not { } next) break;
            page = await portal.GetPageAsync(next);
            Assert.NotNull(Link(page, "prev"));
            Assert.Equal("/", Link(page, "first"));
        }
        Assert.Equal((listed + DisclosureSearch.PageSize - 1) / DisclosureSearch.PageSize, pages);
        Assert.Equal(listed, seen.Count);
        Assert.Equal(listed, seen.Distinct().Count());
        // Newest year first.
        Assert.Equal(seen.OrderByDescending(s => s.Year).Select(s => s.Year), seen.Select(s => s.Year));

        // The last page (page=last) holds the last rows; its 上一页 leads back to the rows before them.
        var last = await portal.GetPageAsync("/?page=last");
        Assert.Equal(seen.TakeLast(DisclosureSearch.PageSize), Rows(last));
        Assert.Null(Link(last, "next"));
        var beforeLast = await portal.GetPageAsync(Link(last, "prev")!);
        Assert.Equal(seen.SkipLast(DisclosureSearch.PageSize).TakeLast(DisclosureSearch.PageSize), Rows(beforeLast));
    }

    [Fact]
    public async Task AFilteredSearchIsPagedWithItsFilter()
    {
        var first = await portal.GetPageAsync("/?year=2024");
        var next = Link(first, "next")!;
        Assert.Contains("year=2024", next);
        var second = await portal.GetPageAsync(next);
        Assert.All(Rows(first).Concat(Rows(second)), r => Assert.Equal(2024, r.Year));
        Assert.Empty(Rows(first).Intersect(Rows(second)));
    }

    [Theory]
    [InlineData("/?after=nonsense")]
    [InlineData("/?before=%25%25")]
    [InlineData("/?page=7")]
    public async Task ABadPagingParameterIsNamedAndTheFirstPageShown(string path)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("分页参数无效", html);
        Assert.Contains("下一页", html);
    }

    [Fact]
    public async Task ACursorAtAPositionNoVersionHoldsIsAPlaceInTheOrder()
    {
        // Before everything (a year to come): the first page; after everything (long ago): nothing more.
        var first = Rows(await portal.GetPageAsync("/"));
        Assert.Equal(first, Rows(await portal.GetPageAsync("/?after=" + new SearchCursor(2099, "", 1).Encode())));
        var beyond = await portal.GetPageAsync("/?after=" + new SearchCursor(1999, "", 1).Encode());
        Assert.Empty(Rows(beyond));
        Assert.NotNull(beyond.QuerySelector(".no-results"));
        // A position between two names: the page starts at the next name.
        var (code, _) = first[3];
        await using var db = portal.NewDbContext();
        var name = await db.PublishedSummaries.Where(s => s.DepartmentCode == code && s.FiscalYear == 2025).Select(s => s.DepartmentName).SingleAsync();
        Assert.Equal(first[3], Rows(await portal.GetPageAsync("/?after=" + new SearchCursor(2025, name, 1).Encode()))[0]);
    }

    [Fact]
    public async Task TheRankingIsPagedInTheChosenOrder()
    {
        var (_, _, in2025) = await PublicAsync();
        Assert.InRange(in2025, Comparisons.RankingRow.PageSize + 1, 2 * Comparisons.RankingRow.PageSize);
        var first = await portal.GetPageAsync("/compare/2025?sort=staff&dir=asc");
        var rows = first.QuerySelectorAll("table.ranking tbody tr");
        Assert.Equal(Comparisons.RankingRow.PageSize, rows.Length);
        var next = Link(first, "next")!;
        Assert.Contains("sort=staff", next);
        var second = await portal.GetPageAsync(next);
        Assert.Null(Link(second, "next"));
        Assert.Equal("/compare/2025?sort=staff&dir=asc", Link(second, "first"));
        var all = rows.Concat(second.QuerySelectorAll("table.ranking tbody tr")).ToList();
        Assert.Equal(in2025, all.Select(r => r.GetAttribute("data-code")).Distinct().Count());
        var staff = all.Select(r => int.Parse(r.QuerySelector("td[data-column='staff']")!.TextContent.Trim())).ToList();
        Assert.Equal(staff.Order(), staff);

        using var bad = await portal.Http.GetAsync("/compare/2025?after=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("分页参数 after 无效", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheApiDepartmentListIsPagedByCursorInTheLinkHeader()
    {
        var (_, departments, _) = await PublicAsync();
        var codes = new List<string>();
        var url = "/api/v1/departments?limit=25";
        var pages = 0;
        while (url is not null)
        {
            using var response = await portal.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.InRange(page.GetArrayLength(), 1, 25);
            codes.AddRange(page.EnumerateArray().Select(d => d.GetProperty("code").GetString()!));
            pages++;
            url = response.Headers.TryGetValues("Link", out var links)
                ? links.Single().Split('>')[0].TrimStart('<') : null;
        }
        Assert.Equal((departments + 24) / 25, pages);
        Assert.Equal(departments, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);

        // Without limit: 100 at most; a code that does not exist is a position in the order.
        using var all = await portal.Http.GetAsync("/api/v1/departments");
        Assert.Equal(departments, JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
        Assert.False(all.Headers.Contains("Link"));
        using var after = await portal.Http.GetAsync("/api/v1/departments?after=syn000010a");
        Assert.Equal("syn000011", JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=x")]
    public async Task AnApiPageOutOfBoundsIsAProblem(string query)
    {
        using var response = await portal.Http.GetAsync("/api/v1/departments?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Publishes a copy of seed 000 as a new department (its first 表3 类 recoded when <paramref name="newCategory"/>), or a correction of it.</summary>
    private async Task<Disclosure> PublishAsync(string code, int version = 1, string? newCategory = null, decimal extra = 0m)
    {
        await using var db = portal.NewDbContext();
        var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        doc.Department = new DepartmentDoc { Code = code, Name = "摘要测试单位" + code };
        doc.SignOff.Name = doc.Department.Name;
        if (newCategory is not null)
        {
            // A 类 row: a three-digit code (its kind is read from the code).
            var row = doc.Tables["3"].Rows.First(r => r.Code is { Length: 3 });
            (row.Code, row.Name) = (newCategory, "测试新增类");
        }
        foreach (var row in doc.Tables["1"].Rows.Where(r => r.Kind == "total")) row.Cells["expenditure"] += extra;
        Disclosure draft;
        if (version == 1) draft = await db.AddDraftOfNewDepartmentAsync(code, doc.Department.Name, doc);
        else
        {
            var department = await db.Departments.SingleAsync(d => d.Code == code);
            draft = new Disclosure(department, doc.FiscalYear, version: version);
            doc.ApplyTo(draft, null);
            db.Disclosures.Add(draft);
            await db.SaveChangesAsync();
        }
        draft.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(draft), version > 1 ? "测试更正" : null);
        await db.SaveChangesAsync();
        await PublishedContent.EverythingChangedAsync(portal.Services.GetRequiredService<IOutputCacheStore>());
        return draft;
    }

    [Fact]
    public async Task TheSummaryFollowsPublicationAndCorrection()
    {
        var v1 = await PublishAsync("sumtest");
        await using (var db = portal.NewDbContext())
        {
            var summary = await db.PublishedSummaries.SingleAsync(s => s.DepartmentCode == "sumtest");
            Assert.Equal((v1.Id, 1, "摘要测试单位sumtest"), (summary.DisclosureId, summary.Version, summary.DepartmentName));
            Assert.Equal(179.66m, summary.Total);
        }
        var search = await portal.GetPageAsync("/?q=sumtest");
        Assert.Contains("179.66", search.QuerySelector("table.results tbody tr")!.TextContent);

        var v2 = await PublishAsync("sumtest", version: 2, extra: 1m);
        await using (var db = portal.NewDbContext())
        {
            var summary = await db.PublishedSummaries.SingleAsync(s => s.DepartmentCode == "sumtest");
            Assert.Equal((v2.Id, 2, 180.66m), (summary.DisclosureId, summary.Version, summary.Total));
        }
        var row = (await portal.GetPageAsync("/?q=sumtest")).QuerySelectorAll("table.results tbody tr").Single();
        Assert.Contains("180.66", row.TextContent);
        Assert.Contains("第 2 版", row.TextContent);
        var department = await portal.GetPageAsync("/departments/sumtest");
        Assert.Contains("180.66", department.Body!.TextContent);
    }

    [Fact]
    public async Task TheDatabaseRefusesASummaryThatIsNotTheLatestVersionAsPublished()
    {
        await PublishAsync("guardtest");
        await using var db = portal.NewDbContext();
        var changed = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE published_summaries SET total = total + 1 WHERE department_code = 'guardtest'"));
        Assert.Contains("摘要不能修改", changed.Message + changed.InnerException?.Message);
        var deleted = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM published_summaries WHERE department_code = 'guardtest'"));
        Assert.Contains("permission denied", deleted.Message + deleted.InnerException?.Message);
    }

    [Fact]
    public async Task ACategoryFirstPublishedAppearsInTheListAtOnce()
    {
        var before = await portal.GetPageAsync("/");
        Assert.Null(before.QuerySelector("#category option[value='229']"));
        await PublishAsync("cattest", newCategory: "229");
        var after = await portal.GetPageAsync("/");
        Assert.Equal("229 测试新增类", after.QuerySelector("#category option[value='229']")!.TextContent.Trim());
        var found = Rows(await portal.GetPageAsync("/?category=229"));
        Assert.Equal([("cattest", 2025)], found);
    }
}

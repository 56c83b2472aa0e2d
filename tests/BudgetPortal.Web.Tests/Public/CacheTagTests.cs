using System.Net;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// A publication evicts only what it changes (issue 15; <see cref="PublishedContent.TagsOf"/>): after 确认发布 of a
/// correction of jjxz's 2025, another department's pages and another year's lists are still answered from the
/// output cache, while jjxz's pages, the lists and 2025's pages are rendered again with the new version; the
/// 公开情况 page is cached too and rendered again after a reviewer's entry.
/// </summary>
public sealed class CacheTagTests(WorkspaceFixture portal) : IClassFixture<WorkspaceFixture>
{
    private const string Reason = "更正以检验缓存标签";

    /// <summary>Pages of dkyj (2024 only) and of 2024: a publication of jjxz's 2025 leaves them cached.</summary>
    public static readonly string[] Untouched =
    [
        "/departments/dkyj", "/departments/dkyj/2024", "/departments/dkyj/2024/checks", "/departments/dkyj/2024/versions",
        "/departments/dkyj/trend", "/departments/dkyj/2024/tables/3.csv", "/departments/dkyj/2024.xlsx",
        "/api/v1/disclosures/dkyj/2024", "/api/v1/disclosures/dkyj/2024/versions",
        "/compare/2024", "/compare/2024/tables?d=dkyj&table=3", "/classification", "/api/v1/openapi.json",
    ];

    /// <summary>jjxz's pages, the lists and 2025's pages: new after the publication.</summary>
    public static readonly string[] Changed =
    [
        "/departments/jjxz", "/departments/jjxz/2025", "/departments/jjxz/2025/checks", "/departments/jjxz/2025/versions",
        "/departments/jjxz/trend", "/departments/jjxz/2025/tables/3.csv", "/departments/jjxz/2025.xlsx",
        "/api/v1/disclosures/jjxz/2025", "/api/v1/disclosures/jjxz/2025/versions",
        "/", "/?q=经济协作", "/api/v1/departments", "/compare/2025", "/compare/2025/tables?d=jjxz&table=3",
    ];

    [Fact]
    public async Task APublicationEvictsItsDepartmentAndTheListsAndLeavesTheOthersCached()
    {
        await portal.CreateUserAsync("tag-reviewer", PortalRoles.Reviewer);
        var draft = await CorrectionSubmittedAsync();

        // Every page asked twice: the second answer comes from the cache (Age).
        var before = new Dictionary<string, byte[]>();
        foreach (var path in Untouched.Concat(Changed))
        {
            await GetAsync(path);
            var (cached, body) = await GetAsync(path);
            Assert.True(cached, $"{path} is not answered from the output cache");
            before[path] = body;
        }

        using var reviewer = await portal.LoginAsync("tag-reviewer");
        await WorkspaceSteps.PublishAsync(reviewer, draft);

        foreach (var path in Untouched)
        {
            var (cached, body) = await GetAsync(path);
            Assert.True(cached, $"{path} was evicted by a publication of another department and year");
            Assert.Equal(before[path], body);
        }
        foreach (var path in Changed)
        {
            var (cached, _) = await GetAsync(path);
            Assert.False(cached, $"{path} is still the cached answer from before the publication");
        }
        // What they say is the new version.
        Assert.Contains(Reason, (await portal.GetPageAsync("/departments/jjxz/2025")).QuerySelector(".version")!.TextContent);
        Assert.Equal(["2", "1"], (await portal.GetPageAsync("/departments/jjxz/2025/versions"))
            .QuerySelectorAll("table.versions tbody tr").Select(r => r.GetAttribute("data-version")));
    }

    [Fact]
    public async Task The公开情况PageIsCachedAndANewEntryShowsAtOnce()
    {
        await portal.CreateUserAsync("tag-compliance", PortalRoles.Reviewer);
        using var reviewer = await portal.LoginAsync("tag-compliance");
        await RegisterAsync(reviewer, "jjxz");
        await GetAsync("/compliance/2023");
        var (cached, _) = await GetAsync("/compliance/2023");
        Assert.True(cached, "/compliance/2023 is not answered from the output cache");
        Assert.Null((await portal.GetPageAsync("/compliance/2023")).QuerySelector("tr[data-code=zbjllc]"));
        var (indexCached, _) = await GetAsync("/compliance");
        (indexCached, _) = await GetAsync("/compliance");
        Assert.True(indexCached);

        await RegisterAsync(reviewer, "zbjllc");
        (cached, _) = await GetAsync("/compliance/2023");
        Assert.False(cached, "/compliance/2023 is still the cached answer from before the entry");
        Assert.NotNull((await portal.GetPageAsync("/compliance/2023")).QuerySelector("tr[data-code=zbjllc]"));
        (indexCached, _) = await GetAsync("/compliance");
        Assert.False(indexCached);
    }

    /// <summary>Registers a department expected to publish in 2023 through the reviewer's form.</summary>
    private static async Task RegisterAsync(FormSession reviewer, string code)
    {
        var page = await reviewer.PageAsync("/workspace/compliance/2023");
        using var response = await reviewer.PostAsync(FormSession.Form(page, "登记"),
            new() { ["Expected.Code"] = code, ["Expected.ApprovedOn"] = "2023-01-20" }, "登记");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Whether the answer came from the output cache (it then carries Age), and its bytes.</summary>
    private async Task<(bool Cached, byte[] Body)> GetAsync(string path)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}");
        return (response.Headers.Age is not null, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Version 2 of jjxz's 2025, the same content with a reason, submitted for review.</summary>
    private async Task<int> CorrectionSubmittedAsync()
    {
        await using var db = portal.NewDbContext();
        var v1 = await db.Disclosures.AsSplitQuery().Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes).ThenInclude(n => n.Lines).Include(d => d.Notes).ThenInclude(n => n.Figures)
            .Include(d => d.PerformanceSheets).ThenInclude(s => s.Indicators).Include(d => d.Lines)
            .SingleAsync(d => d.Department.Code == "jjxz" && d.FiscalYear == 2025 && d.Status == DisclosureStatus.Published);
        var v2 = v1.StartCorrection(Reason);
        db.Disclosures.Add(v2);
        v2.Submit(DateTimeOffset.UtcNow, blockingErrors: 0);
        await db.SaveChangesAsync();
        return v2.Id;
    }
}

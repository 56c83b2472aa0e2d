using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Tests.Public;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>A person pages through a large archive (issue 15's keyset pager) in Debian's Chromium.</summary>
public sealed class ArchivePagingBrowserTests(ArchivePortalFixture portal, BrowserFixture browser)
    : IClassFixture<ArchivePortalFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private static Task<IReadOnlyList<string>> NamesAsync(IPage page) =>
        page.Locator("table.results tbody th a").AllInnerTextsAsync();

    [Fact]
    public async Task APersonPagesForwardBackToTheEndAndToTheStartOfTheList()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync("/");
        var first = await NamesAsync(page);
        Assert.Equal(DisclosureSearch.PageSize, first.Count);
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "分页" });

        await pager.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await page.WaitForURLAsync("**/?after=*");
        var second = await NamesAsync(page);
        Assert.Empty(first.Intersect(second));

        await pager.GetByRole(AriaRole.Link, new() { Name = "上一页" }).ClickAsync();
        await page.WaitForURLAsync("**/?before=*");
        Assert.Equal(first, await NamesAsync(page));

        await pager.GetByRole(AriaRole.Link, new() { Name = "末页" }).ClickAsync();
        await page.WaitForURLAsync("**/?page=last");
        Assert.Equal(0, await pager.GetByRole(AriaRole.Link, new() { Name = "下一页" }).CountAsync());
        Assert.NotEmpty(await NamesAsync(page));

        await pager.GetByRole(AriaRole.Link, new() { Name = "首页" }).ClickAsync();
        await page.WaitForURLAsync(portal.BaseAddress + "");
        Assert.Equal(first, await NamesAsync(page));
    }

    [Fact]
    public async Task APersonSortsTheRankingAndReadsItsNextPage()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync("/compare/2025");
        await page.Locator("table.ranking thead").GetByRole(AriaRole.Link, new() { Name = "实有人数" }).ClickAsync();
        await page.WaitForURLAsync("**/compare/2025?sort=staff&dir=desc");
        var firstPage = await page.Locator("table.ranking tbody tr").CountAsync();
        Assert.Equal(Comparisons.RankingRow.PageSize, firstPage);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "分页" }).GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await page.WaitForURLAsync("**/compare/2025?sort=staff&dir=desc&after=*");
        var staff = await page.Locator("table.ranking td[data-column='staff']").AllInnerTextsAsync();
        Assert.NotEmpty(staff);
        Assert.Equal(staff.Select(int.Parse).OrderDescending(), staff.Select(int.Parse));
    }
}

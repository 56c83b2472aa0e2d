using System.Text;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Public;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>A reader opens a corrected disclosure's first version from its history, downloads its 表3 CSV, goes back and downloads that version's PDF.</summary>
[Collection(CorrectedPortalCollection.Name)]
public sealed class VersionBrowserTests(CorrectedPortalFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Reception = "#table-10 td[data-row='fixed:reception'][data-column='total']";

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task FromTheHistoryAReaderOpensTheFirstVersionGoesBackAndDownloadsItsPdf(int width)
    {
        var page = await browser.NewPageAsync(portal.BaseAddress, width, 900);
        await page.GotoAsync("/departments/dkyj/2024");
        await page.GetByRole(AriaRole.Link, new() { Name = "版本历史", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/departments/dkyj/2024/versions");

        var history = page.Locator("table.versions");
        await history.GetByRole(AriaRole.Link, new() { Name = "第 1 版", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/departments/dkyj/2024/versions/1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"version-1-{width}.png") });
        // The old version reads on a phone as the year's page does: nothing wider than the screen.
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        var note = await page.Locator(".older-version").InnerTextAsync();
        Assert.Contains("这是第 1 版", note);
        Assert.Contains("现行版本是第 2 版", note);
        await page.Locator(Reception).ScrollIntoViewIfNeededAsync();
        Assert.Equal(VersionHistoryTests.ReceptionBefore, (await page.Locator(Reception).InnerTextAsync()).Trim());

        // The old version's own table downloads: 表3's CSV is the file version 1 published, named with its version.
        var table3 = page.Locator("#table-3");
        await table3.ScrollIntoViewIfNeededAsync();
        var csv = await page.RunAndWaitForDownloadAsync(() => table3.Locator("p.table-downloads").GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        Assert.EndsWith("（第1版）.csv", csv.SuggestedFilename);
        Assert.Contains("表3", csv.SuggestedFilename);
        Assert.Equal(await portal.DownloadAsync("/departments/dkyj/2024/versions/1/tables/3.csv"), await File.ReadAllBytesAsync((await csv.PathAsync())!));

        // The browser's back button returns to the history.
        await page.GoBackAsync();
        await page.WaitForURLAsync("**/departments/dkyj/2024/versions");
        Assert.True(await history.IsVisibleAsync());
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);

        var row = history.Locator("tr[data-version='1']");
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "PDF", Exact = true }).ClickAsync(),
            new() { Timeout = 120_000 });
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf[..4]));
        Assert.Contains("第1版", download.SuggestedFilename);
        Assert.Equal("2024 年部门预算公开，第 1 版", PdfPigReader.Information(pdf).Subject);

        // From the old version the latest is one click away.
        await page.GoForwardAsync();
        await page.WaitForURLAsync("**/versions/1");
        await page.Locator("a.latest-version").ClickAsync();
        await page.WaitForURLAsync("**/departments/dkyj/2024");
        Assert.Equal(VersionHistoryTests.ReceptionAfter, (await page.Locator(Reception).InnerTextAsync()).Trim());
    }
}

using System.Globalization;
using System.Text;
using BudgetPortal.Web.Tests.Public;
using Microsoft.Playwright;
using static BudgetPortal.Web.Tests.Public.LineBasedPortalFixture;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>A reader of a line-based disclosure finds its 预算明细, filters them and takes them away, on a phone and a desktop.</summary>
public sealed class BudgetLinesBrowserTests(LineBasedPortalFixture portal, BrowserFixture browser)
    : IClassFixture<LineBasedPortalFixture>, IClassFixture<BrowserFixture>
{
    private static readonly string Address = $"/departments/{LineBased}/{Year}";

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task AReaderFindsTheLinesFiltersThemAndDownloadsTheCsv(int width)
    {
        var page = await browser.NewPageAsync(portal.BaseAddress, width);
        await page.GotoAsync(Address);

        // From the 目录 to the section.
        await page.Locator("nav.toc").GetByRole(AriaRole.Link, new() { Name = "预算明细" }).ClickAsync();
        await page.WaitForURLAsync("**#budget-lines");
        var section = page.Locator("#budget-lines");
        await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Name = "预算明细", Level = 2 })).ToBeInViewportAsync();
        var box = section.Locator(".lines-scroll");
        Assert.Equal(Lines.Count, await box.Locator("tbody tr:not(.group)").CountAsync());

        // The lines scroll in their own box; the page never scrolls sideways.
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        var boxOverflow = await box.EvaluateAsync<int>("b => b.scrollWidth - b.clientWidth");
        if (width == 390) Assert.True(boxOverflow > 0, "at 390px the lines should scroll inside their box");
        // …and say so above the box; the part navigation leads to the section too.
        if (width == 390) await Assertions.Expect(section.Locator(".scroll-hint")).ToBeVisibleAsync();
        Assert.Equal("#budget-lines", await page.Locator("nav.part-nav").GetByRole(AriaRole.Link, new() { Name = "预算明细" }).GetAttributeAsync("href"));
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"budget-lines-{width}.png"), FullPage = false,
        });

        // Filter by a project, without a script: a form that reloads the page at the section.
        await section.GetByLabel("筛选明细").FillAsync("招商");
        await section.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await page.WaitForURLAsync("**?lines=*#budget-lines");
        var rows = page.Locator("#budget-lines .lines-scroll tbody tr:not(.group)");
        Assert.Equal(Lines.Count(l => l.Project == Attracting), await rows.CountAsync());
        var sum = Lines.Where(l => l.Project == Attracting).Sum(l => l.Amount).ToString("0.00", CultureInfo.InvariantCulture);
        Assert.Equal(sum, (await page.Locator("#budget-lines tfoot td").InnerTextAsync()).Trim());
        Assert.Contains("筛选“招商”：3 条明细", await page.Locator("#budget-lines .lines-matching").InnerTextAsync());

        // Back to all, then the CSV.
        await page.Locator("#budget-lines").GetByRole(AriaRole.Link, new() { Name = "显示全部明细" }).ClickAsync();
        await page.WaitForURLAsync($"**{Address}#budget-lines");
        Assert.Equal(Lines.Count, await rows.CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("#budget-lines").GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());
        Assert.Equal($"{LineBasedName}{Year}年预算明细.csv", download.SuggestedFilename);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.StartsWith("\uFEFF功能分类科目编码,功能分类科目名称,经济分类科目编码", csv);
        Assert.Equal(Lines.Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"{Attracting},王芳,一般公共预算拨款,10.00", csv);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?lines=302")]
    public async Task TheLinesSectionHasNoSeriousOrCriticalAccessibilityViolations(string query)
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync(Address + query);
        // The rules run over the section: it is on the page.
        Assert.Equal(1, await page.Locator("#budget-lines table.lines").CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}

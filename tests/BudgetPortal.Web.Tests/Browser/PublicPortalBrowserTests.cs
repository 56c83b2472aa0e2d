using System.Globalization;
using System.Text;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>What a person does on the public portal, in Debian's Chromium.</summary>
[Collection(PortalCollection.Name)]
public sealed class PublicPortalBrowserTests(PortalFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private static string M(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task APersonFindsADepartmentReadsAFigureComparesAndDownloads()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        var seed = Repo.LoadSeed("002_c0c2db706806b599.json");

        await page.GotoAsync("/");
        await page.GetByLabel("部门名称或关键词").FillAsync("援疆");
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await page.Locator("table.results").GetByRole(AriaRole.Link, new() { Name = "2024 年", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/departments/dkyj/2024");

        var total = seed.Tables["3"].Rows.Single(r => r.Kind == "total").Cells["total"];
        Assert.Equal(M(total), (await page.Locator("#table-3 td[data-row='total'][data-column='total']").InnerTextAsync()).Trim());

        // The charts are drawn (as they near the screen), and their data tables equal the tables.
        await page.Locator("#chart-structure").ScrollIntoViewIfNeededAsync();
        await page.Locator("#chart-structure.has-chart").WaitForAsync();
        Assert.Equal(M(total), (await page.Locator("#chart-structure tfoot td").First.InnerTextAsync()).Trim());
        var structureRows = await page.Locator("#chart-structure tbody td[data-value]").AllInnerTextsAsync();
        var categories = seed.Tables["3"].Rows.Where(r => r.Code?.Length == 3).Select(r => M(r.Cells["total"])).ToList();
        Assert.Equal(categories, structureRows.Select(s => s.Trim()).ToList());

        // Compare the year's departments.
        await page.GetByRole(AriaRole.Link, new() { Name = "2024 年各部门比较" }).ClickAsync();
        await page.WaitForURLAsync("**/compare/2024");
        Assert.Equal(2, await page.Locator("table.ranking tbody tr").CountAsync());

        // Download a table as CSV and the official PDF.
        await page.GotoAsync("/departments/dkyj/2024");
        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("#table-3 a", new() { HasText = "CSV" }).ClickAsync());
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await csvDownload.PathAsync())!));
        Assert.Contains(M(total), csv);
        Assert.EndsWith(".csv", csvDownload.SuggestedFilename);

        var pdfDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载 PDF" }).ClickAsync(),
            new() { Timeout = 120_000 });
        var pdf = await File.ReadAllBytesAsync((await pdfDownload.PathAsync())!);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf[..4]));
        Assert.Contains("部门预算公开", pdfDownload.SuggestedFilename);
    }

    public static TheoryData<string> MainPages =>
    [
        "/", "/?q=北京", "/departments/jjxz", "/departments/jjxz/2025", "/departments/jjxz/2025/checks",
        "/compare/2025", "/compare/2025/tables?d=jjxz&d=zbjllc&table=3", "/departments/jjxz/trend", "/api",
        "/classification", "/classification/2025", "/classification/2025?q=事业运行",
    ];

    /// <summary>
    /// Each main page once: it runs under its content security policy (the policy allows only the portal's
    /// own scripts and styles: a page that needs more shows it here) and, drawn with its charts, axe finds
    /// no serious or critical violation.
    /// </summary>
    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task MainPagesRunUnderTheirContentSecurityPolicyWithoutSeriousAccessibilityViolations(string path)
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text); };
        var response = await page.GotoAsync(path);
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (path.StartsWith("/departments/jjxz/2025", StringComparison.Ordinal) && !path.EndsWith("checks", StringComparison.Ordinal))
            Assert.Equal(4, await Charts.DrawAllAsync(page));
        Assert.True(refused.Count == 0, string.Join("\n", refused));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Theory]
    [InlineData("home", "/")]
    [InlineData("disclosure", "/departments/zbjllc/2025")]
    [InlineData("checks", "/departments/dkyj/2024/checks")]
    [InlineData("ranking", "/compare/2024")]
    public async Task ScreenshotsAtPhoneAndDesktopWidthsShowNoHorizontalPageOverflow(string name, string path)
    {
        foreach (var (label, width) in new[] { ("phone", 390), ("desktop", 1280) })
        {
            var page = await browser.NewPageAsync(portal.BaseAddress, width);
            await page.GotoAsync(path);
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}-{label}.png"), FullPage = true,
            });
            // Wide tables scroll inside their own box; the page itself never scrolls sideways.
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} at {width}px overflows by {overflow}px");
        }
    }

    [Fact]
    public async Task TheSkipLinkAndKeyboardReachTheMainContent()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync("/departments/jjxz/2025");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到正文", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main", page.Url);
    }
}

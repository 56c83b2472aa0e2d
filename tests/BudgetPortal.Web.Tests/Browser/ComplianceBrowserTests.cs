using System.Text;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// The seeds' portal with 2025's expected departments: jjxz (批复 2025-01-30, on time), zbjllc (2025-01-10,
/// late) and tcunit, a unit of jjxz that has published nothing (2025-01-05, overdue).
/// </summary>
public sealed class CompliancePortalFixture : PortalFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = NewDbContext();
        var jjxz = await db.Departments.SingleAsync(d => d.Code == "jjxz");
        var unit = new Department("tcunit", "测试所属单位");
        unit.PlaceUnder(jjxz, hasUnits: false);
        db.Departments.Add(unit);
        await db.SaveChangesAsync();
        var zbjllc = await db.Departments.SingleAsync(d => d.Code == "zbjllc");
        db.ExpectedDisclosures.AddRange(
            new ExpectedDisclosure(jjxz.Id, 2025, new DateOnly(2025, 1, 30)),
            new ExpectedDisclosure(zbjllc.Id, 2025, new DateOnly(2025, 1, 10)),
            new ExpectedDisclosure(unit.Id, 2025, new DateOnly(2025, 1, 5)));
        await db.SaveChangesAsync();
    }
}

/// <summary>A reader opens 公开情况 from the site's navigation, filters it by 主管部门 and takes the CSV, on a phone and a desktop.</summary>
public sealed class ComplianceBrowserTests(CompliancePortalFixture portal, BrowserFixture browser)
    : IClassFixture<CompliancePortalFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task AReaderFiltersBy主管部门AndDownloadsTheCsv(int width)
    {
        var page = await browser.NewPageAsync(portal.BaseAddress, width);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "站点导航" }).GetByRole(AriaRole.Link, new() { Name = "公开情况" }).ClickAsync();
        await page.WaitForURLAsync("**/compliance");
        await page.GetByRole(AriaRole.Link, new() { Name = "2025 年部门预算公开情况" }).ClickAsync();
        await page.WaitForURLAsync("**/compliance/2025");
        var rows = page.Locator("table.compliance tbody tr[data-code]");
        Assert.Equal(3, await rows.CountAsync());
        Assert.StartsWith("逾期未公开", (await page.Locator("tr[data-code=tcunit] td.status").InnerTextAsync()).Trim());
        // The chart is drawn from its table when it nears the screen (charts.js loads the library then).
        await page.Locator("#chart-by-day").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.Locator("#chart-by-day")).ToHaveClassAsync(Charts.Drawn());

        await page.GetByLabel("主管部门", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "昌吉回族自治州经济协作服务中心" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await page.WaitForURLAsync("**/compliance/2025?parent=jjxz&status=");
        Assert.Equal(["jjxz", "tcunit"], (await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.code)")).Order());
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"compliance-{width}.png"), FullPage = false });

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("p.downloads").GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());
        Assert.Equal("2025年部门预算公开情况.csv", download.SuggestedFilename);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\uFEFF部门代码,部门名称,主管部门,批复日期", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("jjxz,") && l.Contains(",已公开,2025-02-14,15,"));
        Assert.Contains(lines, l => l.StartsWith("tcunit,测试所属单位,昌吉回族自治州经济协作服务中心,2025-01-05,2025-01-25,逾期未公开,"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?parent=jjxz&sort=days&dir=desc")]
    public async Task ThePageHasNoSeriousOrCriticalAccessibilityViolations(string query)
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync("/compliance/2025" + query);
        Assert.True(await page.Locator("table.compliance tbody tr[data-code]").CountAsync() > 0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}

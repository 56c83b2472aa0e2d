using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>The API reference page (Scalar) in Debian's Chromium: offline, under its policy, in Chinese.</summary>
[Collection(PortalCollection.Name)]
public sealed class ApiReferenceBrowserTests(PortalFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheReferenceShowsTheApiInChineseWithNothingFromElsewhereAndNoPolicyRefusal()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        var refused = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text); };
        page.PageError += (_, error) => refused.Add(error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(portal.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                elsewhere.Add(request.Url);
        };

        var response = await page.GotoAsync("/api/reference/");
        Assert.Contains("'nonce-", (await response!.AllHeadersAsync())["content-security-policy"]);
        // The operations of the generated document, with their Chinese summaries, and Scalar's own Chinese labels.
        await page.GetByText("一个部门一个年度的预算公开").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.GetByText("分类科目查找").First.WaitForAsync();
        await page.GetByText("年度数据包", new() { Exact = false }).First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "api-reference.png") });
        Assert.Contains("下载 OpenAPI 文档", await page.ContentAsync());

        Assert.True(refused.Count == 0, string.Join("\n", refused));
        Assert.True(elsewhere.Count == 0, string.Join("\n", elsewhere));
    }
}

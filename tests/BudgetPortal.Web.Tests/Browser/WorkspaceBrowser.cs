using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// A person at the workspace in Debian's Chromium: signs in through the login form, and keeps a
/// screenshot of each step at the width of the screen (kept as test artifacts).
/// </summary>
public static class WorkspaceBrowser
{
    /// <summary>A new browser context of the given width, signed in as the person through the login page.</summary>
    public static async Task<IPage> SignedInAsync(BrowserFixture browser, Uri baseAddress, string userName, string password, int width = 1366)
    {
        var page = await browser.NewPageAsync(baseAddress, width);
        await SignInAsync(page, userName, password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>A full-page screenshot named for the journey and step, e.g. officer-03-table2-1366.png.</summary>
    public static Task ShotAsync(IPage page, string journey, string step)
    {
        var width = page.ViewportSize?.Width ?? 0;
        return page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, journey, $"{step}-{width}.png"), FullPage = true,
        });
    }

    /// <summary>The page does not scroll sideways (wide tables scroll inside their own box).</summary>
    public static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} at {page.ViewportSize?.Width}px overflows by {overflow}px");
    }
}

using System.Text;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// A reviewer of the finance bureau registers the year's departments in Debian's Chromium, as the bureau does:
/// from 工作台 → 公开情况, one department by the form (Enter in the code field), a wrong code refused with the
/// typing kept, a list file with a bad line refused whole, the corrected file registered, then the public
/// page and back. On a desktop and a phone.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class ComplianceEntryBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task AReviewerRegistersTheYearsDepartmentsByFormAndByListFile(int width)
    {
        var reviewer = $"cpe-reviewer-{width}";
        await portal.CreateUserAsync(reviewer, PortalRoles.Reviewer);
        // Each width its own year, so the two runs do not see each other's registrations.
        var year = width == 390 ? 2031 : 2032;
        var journey = $"compliance-entry-{width}";

        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, reviewer, WorkspaceFixture.Password, width);
        await page.GotoAsync("/workspace");
        // 工作台's own link (the site navigation has the public page's).
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "公开情况", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/workspace/compliance**");
        await page.GotoAsync($"/workspace/compliance/{year}");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);

        // One department by the form, submitted with Enter.
        var code = page.GetByLabel("部门代码（部门管理中的代码，如 swj）");
        await page.GetByLabel("批复日期（尚未批复的留空）").FillAsync($"{year}-01-20");
        await code.FillAsync("jjxz");
        await code.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync($"已登记 {year} 年应公开部门");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync($"{year}-01-20");
        await WorkspaceBrowser.ShotAsync(page, journey, "01-registered-by-form");

        // A code that is no department: refused where it was typed, the typing kept.
        await code.FillAsync("nosuchdept");
        await code.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#expected-code-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(code).ToHaveValueAsync("nosuchdept");
        await WorkspaceBrowser.ShotAsync(page, journey, "02-unknown-code");

        // A list file with one bad line: nothing saved, the line named.
        await page.GetByLabel("清单文件").SetInputFilesAsync(new FilePayload
        {
            Name = "应公开部门.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"部门代码,批复日期\nzbjllc,{year}-02-01\njjxz,{year}-13-40\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并登记" }).ClickAsync();
        var errors = page.Locator(".compliance-upload .errors");
        await Assertions.Expect(errors).ToContainTextAsync("清单没有保存");
        await Assertions.Expect(errors).ToContainTextAsync("第 3 行");
        await WorkspaceBrowser.ShotAsync(page, journey, "03-list-refused");

        // The corrected file: one new, one updated.
        await page.GetByLabel("清单文件").SetInputFilesAsync(new FilePayload
        {
            Name = "应公开部门.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"部门代码,批复日期\nzbjllc,{year}-02-01\njjxz,{year}-01-25\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并登记" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("新增 1 个，更新 1 个");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        await WorkspaceBrowser.ShotAsync(page, journey, "04-list-registered");

        // The public page lists both with their 批复 dates; the back button returns to the workspace.
        await page.GetByRole(AriaRole.Link, new() { Name = "公开页面" }).ClickAsync();
        await page.WaitForURLAsync($"**/compliance/{year}");
        var rows = page.Locator("table.compliance tbody tr[data-code]");
        Assert.Equal(["jjxz", "zbjllc"], (await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.code)")).Order());
        await Assertions.Expect(page.Locator("tr[data-code=jjxz]")).ToContainTextAsync($"{year}-01-25");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        await page.GoBackAsync();
        await page.WaitForURLAsync($"**/workspace/compliance/{year}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登记应公开部门" })).ToBeVisibleAsync();
    }
}

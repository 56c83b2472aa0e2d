using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Browser;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// The protections as people meet them in Chromium, click by click: a mistyped password, an upload
/// over its limit, 退出 on a shared office computer followed by the back button, an administrator
/// stopping (停用) an account that is signed in, and two reviewers confirming the same publication.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class SecurityJourneyBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Journey = "security";

    [Fact]
    public async Task AMistypedPasswordGetsTheOneAnswerAndTheRightOneSignsIn()
    {
        await ReviewTests.SubmittedDraftAsync(portal, "sec-login", submit: false);
        var page = await browser.NewPageAsync(portal.BaseAddress, 390);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("sec-login-officer");
        await page.GetByLabel("密码").FillAsync("Falsch-2026!x");
        await page.RunAndWaitForResponseAsync(() => page.GetByLabel("密码").PressAsync("Enter"), r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        var refused = await page.Locator("main").InnerTextAsync();
        Assert.Contains("用户名或密码错误", refused);
        await WorkspaceBrowser.ShotAsync(page, Journey, "01-wrong-password");
        // An unknown name reads exactly the same.
        await page.GetByLabel("用户名").FillAsync("sec-nobody");
        await page.GetByLabel("密码").FillAsync("Falsch-2026!x");
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        Assert.Equal(refused, await page.Locator("main").InnerTextAsync());
        await WorkspaceBrowser.SignInAsync(page, "sec-login-officer", WorkspaceFixture.Password);
        Assert.Contains("/workspace", page.Url);
    }

    [Fact]
    public async Task AfterLogoutTheBackButtonShowsNoDraft()
    {
        var (id, _) = await ReviewTests.SubmittedDraftAsync(portal, "sec-back", submit: false);
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "sec-back-officer", WorkspaceFixture.Password);
        await page.GotoAsync($"/workspace/disclosures/{id}/tables/3");
        Assert.Contains("审核测试sec-back单位", await page.Locator("main").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/workspace/disclosures", StringComparison.Ordinal));
        await WorkspaceBrowser.ShotAsync(page, Journey, "02-signed-out");

        await page.GoBackAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var shown = await page.Locator("body").InnerTextAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "03-back-after-logout");
        Assert.DoesNotContain("审核测试sec-back单位", shown);
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task AnUploadOverItsLimitShowsTheLimitInChineseAndStoresNothing()
    {
        var (id, _) = await ReviewTests.SubmittedDraftAsync(portal, "sec-upload", submit: false);
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "sec-upload-officer", WorkspaceFixture.Password);
        string before;
        await using (var db = portal.NewDbContext())
            before = string.Join(",", db.BudgetTables.Where(t => t.DisclosureId == id).OrderBy(t => t.Id).Select(t => t.Id));
        await page.GotoAsync($"/workspace/disclosures/{id}/upload");
        var file = Path.Combine(Path.GetTempPath(), $"too-large-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, new byte[6 * 1024 * 1024]);
        try
        {
            await page.Locator("#workbook").SetInputFilesAsync(file);
            await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync(), r => r.Request.Method == "POST");
            await page.WaitForLoadStateAsync();
            var shown = await page.Locator("body").InnerTextAsync();
            await WorkspaceBrowser.ShotAsync(page, Journey, "04-upload-too-large");
            Assert.Contains("上传的文件过大", shown);
            Assert.Contains("5 MB", shown);
        }
        finally { File.Delete(file); }
        await using (var db = portal.NewDbContext())
            Assert.Equal(before, string.Join(",", db.BudgetTables.Where(t => t.DisclosureId == id).OrderBy(t => t.Id).Select(t => t.Id)));
    }

    [Fact]
    public async Task AStoppedAccountsOpenSessionEndsAndItCannotSignInAgain()
    {
        var (id, _) = await ReviewTests.SubmittedDraftAsync(portal, "sec-stop", submit: false);
        await portal.CreateUserAsync("sec-stop-admin", PortalRoles.Administrator);
        var officer = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "sec-stop-officer", WorkspaceFixture.Password);
        await officer.GotoAsync($"/workspace/disclosures/{id}/tables/3");

        var admin = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "sec-stop-admin", WorkspaceFixture.Password);
        await admin.GotoAsync("/admin/users");
        await admin.Locator("tr", new() { HasText = "sec-stop-officer" }).GetByRole(AriaRole.Link, new() { Name = "修改" }).ClickAsync();
        await admin.GetByLabel("停用账户").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await admin.WaitForLoadStateAsync();
        Assert.Contains("已停用", await admin.Locator("tr", new() { HasText = "sec-stop-officer" }).InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(admin, Journey, "05-account-stopped");

        // The officer's next click, after the stamp interval (5 s at most), lands on the login page.
        await Task.Delay(TimeSpan.FromSeconds(6));
        await officer.GetByRole(AriaRole.Link, new() { Name = "工作台" }).ClickAsync();
        await officer.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await officer.GetByLabel("用户名").FillAsync("sec-stop-officer");
        await officer.GetByLabel("密码").FillAsync(WorkspaceFixture.Password);
        await officer.RunAndWaitForResponseAsync(() => officer.GetByLabel("密码").PressAsync("Enter"), r => r.Request.Method == "POST");
        await officer.WaitForLoadStateAsync();
        Assert.Contains("/account/login", officer.Url);
        Assert.Contains("用户名或密码错误", await officer.Locator("main").InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(officer, Journey, "06-stopped-cannot-sign-in");
    }

    [Fact]
    public async Task TheSecondReviewerToConfirmIsToldItIsPublishedAlready()
    {
        var (id, _) = await ReviewTests.SubmittedDraftAsync(portal, "sec-race", submit: true);
        await portal.CreateUserAsync("sec-race-reviewer2", PortalRoles.Reviewer);
        var first = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "sec-race-reviewer", WorkspaceFixture.Password);
        var second = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "sec-race-reviewer2", WorkspaceFixture.Password, 390);
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync($"/workspace/disclosures/{id}");
            await page.GetByRole(AriaRole.Link, new() { Name = "发布…" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("ConfirmPublish", StringComparison.Ordinal));
        }
        await first.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await first.WaitForURLAsync(url => !url.Contains("ConfirmPublish", StringComparison.Ordinal));
        Assert.Contains("已发布", await first.Locator("main").InnerTextAsync());

        await second.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await second.WaitForLoadStateAsync();
        var told = await second.Locator("main").InnerTextAsync();
        await WorkspaceBrowser.ShotAsync(second, Journey, "07-published-by-someone-else");
        Assert.Contains("第 1 版已经发布，无需再次发布", told);
        Assert.DoesNotContain("确认发布", await second.GetByRole(AriaRole.Button).AllInnerTextsAsync());
        await using var db = portal.NewDbContext();
        Assert.Equal(1, db.Disclosures.Count(d => d.Id == id && d.Status == BudgetPortal.Domain.Disclosures.DisclosureStatus.Published));
    }
}

using System.Text.RegularExpressions;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// An officer in Debian's Chromium starts 2026 from the department's published 2025 by clicking,
/// opens a note section, writes a reason, saves with Enter, goes on with 保存并下一节, comes back with
/// the browser's back button and saves a second time; the same pages on a phone.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed partial class NotesBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Journey = "notes";
    private const string Department = "情况说明浏览器测试单位";

    [Fact]
    public async Task AnOfficerStartsANewYearAndWritesTheNotesSectionBySection()
    {
        await NewYearTests.PublishedLastYearAsync(portal, "notes-browser", Department, "notes-browser-officer");
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "notes-browser-officer", WorkspaceFixture.Password);

        // 新建: last year as the basis, by clicking.
        await page.GotoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建年度预算公开" }).ClickAsync();
        await page.GetByLabel("部门").SelectOptionAsync(new SelectOptionValue { Label = Department });
        await page.GetByLabel("预算年度").FillAsync("2026");
        await page.GetByLabel("以上一年度已发布的公开为基础").CheckAsync();
        // This journey types tables (the line-based one is LineJourneyBrowserTests).
        await page.GetByLabel("按表格编制").CheckAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "01-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建" }).ClickAsync();
        await page.WaitForURLAsync(DisclosureUrl());
        var id = int.Parse(page.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        // 情况说明 → 三: drafted from the (empty) tables with 2025 as 上年预算数, no finding.
        await page.GetByRole(AriaRole.Link, new() { Name = "情况说明", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}/notes/1");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "各节" }).GetByRole(AriaRole.Link, new() { Name = "三", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/notes/3");
        Assert.Equal(0, await page.Locator(".findings").CountAsync());
        Assert.Contains("各表保存后自动更新", await page.Locator(".note-help").InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(page, Journey, "02-note-3");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);

        // The reason typed, then Enter in the heading saves (the hidden default 保存).
        await page.GetByLabel("基本支出 主要原因").FillAsync("人员经费调整");
        await page.GetByLabel("标题（按文件原文）").PressAsync("Enter");
        await page.Locator(".notice", new() { HasText = "情况说明三已保存" }).WaitForAsync();
        Assert.Contains("主要原因是人员经费调整", await page.Locator(".preview").InnerTextAsync());

        // 保存并下一节 goes on to 四.
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并下一节" }).ClickAsync();
        await page.WaitForURLAsync($"**/notes/4");
        await page.Locator(".notice", new() { HasText = "情况说明三已保存" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "03-note-4");

        // Back to 三 with the browser's button: the saved reason is there; a second save changes it.
        await page.GoBackAsync();
        await page.WaitForURLAsync($"**/notes/3");
        await page.ReloadAsync();
        Assert.Equal("人员经费调整", await page.GetByLabel("基本支出 主要原因").InputValueAsync());
        await page.GetByLabel("基本支出 主要原因").FillAsync("人员经费和公用经费调整");
        await page.Locator(".actions").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.Locator(".notice", new() { HasText = "情况说明三已保存" }).WaitForAsync();
        Assert.Contains("主要原因是人员经费和公用经费调整", await page.Locator(".preview").InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(page, Journey, "04-note-3-saved-again");

        await using (var db = portal.NewDbContext())
        {
            var notes = await db.NoteSections.Include(n => n.Lines).Where(n => n.DisclosureId == id && n.Key == "3").ToListAsync();
            var note = Assert.Single(notes);
            Assert.True(note.IsDrafted);
            Assert.Equal("人员经费和公用经费调整", note.Line("basic")!.Reason);
        }

        // The same section on a phone: nothing wider than the screen.
        var phone = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "notes-browser-officer", WorkspaceFixture.Password, width: 390);
        foreach (var key in new[] { "3", "7", "12.3" })
        {
            await phone.GotoAsync($"/workspace/disclosures/{id}/notes/{key}");
            await WorkspaceBrowser.ShotAsync(phone, Journey, $"05-note-{key}");
            await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
        }
        await page.GotoAsync($"/workspace/disclosures/{id}/notes/7");
        await WorkspaceBrowser.ShotAsync(page, Journey, "05-note-7");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);

        // Leaving a section with unsaved wording asks first (data-unsaved-warning).
        var allocation = page.Locator("textarea[name='Input.Lines[0].Fields[allocation]']");
        await allocation.ClickAsync();
        await allocation.FillAsync("尚未保存的资金分配情况");
        var asked = false;
        page.Dialog += async (_, dialog) => { asked = dialog.Type == "beforeunload"; await dialog.DismissAsync(); };
        await page.GetByRole(AriaRole.Navigation, new() { Name = "各节" }).GetByRole(AriaRole.Link, new() { Name = "八", Exact = true }).ClickAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.True(asked, "no warning before leaving unsaved wording");
        Assert.EndsWith("/notes/7", page.Url, StringComparison.Ordinal);
    }

    private static Regex DisclosureUrl() => DisclosurePath();

    [GeneratedRegex(@"/workspace/disclosures/\d+$")]
    private static partial Regex DisclosurePath();
}

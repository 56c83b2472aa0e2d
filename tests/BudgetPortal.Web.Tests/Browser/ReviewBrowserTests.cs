using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// A reviewer reviews a department's submitted draft in Debian's Chromium: opens it from 工作台,
/// previews the public page and the draft PDF, returns it with a comment the officer reads, and
/// after the officer resubmits, publishes through the confirmation and follows the link to the
/// public page.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class ReviewBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Journey = "review";

    [Fact]
    public async Task AReviewerPreviewsReturnsAndPublishesThroughTheConfirmation()
    {
        var (id, doc) = await ReviewTests.SubmittedDraftAsync(portal, "rv-browser", submit: false);
        const string department = "审核测试rv-browser单位";
        var publicPath = $"/departments/rv-browser/{doc.FiscalYear}";

        // The officer submits the draft.
        var officer = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "rv-browser-officer", WorkspaceFixture.Password);
        await officer.GotoAsync("/workspace");
        await officer.GetByRole(AriaRole.Link, new() { Name = department }).ClickAsync();
        await officer.WaitForURLAsync($"**/workspace/disclosures/{id}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await officer.Locator(".notice", new() { HasText = "已提交审核" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(officer, Journey, "01-officer-submitted");

        // The reviewer opens it from 工作台.
        var reviewer = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "rv-browser-reviewer", WorkspaceFixture.Password);
        await reviewer.GotoAsync("/workspace");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = department }).ClickAsync();
        await reviewer.WaitForURLAsync($"**/workspace/disclosures/{id}");
        var review = reviewer.Locator("section.review");
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "02-reviewer-draft");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(reviewer);

        // The preview: the public page as it will be, marked as a draft; back to the review.
        await review.GetByRole(AriaRole.Link, new() { Name = "预览公开页面" }).ClickAsync();
        await reviewer.WaitForURLAsync($"**/workspace/disclosures/{id}/preview");
        Assert.Contains("草稿预览，尚未公开", await reviewer.Locator(".draft-banner").InnerTextAsync());
        var total = doc.Tables["3"].Rows.Single(r => r.Kind == "total").Cells["total"];
        Assert.Equal(total.ToString("0.00"), (await reviewer.Locator("#table-3 td[data-row='total'][data-column='total']").InnerTextAsync()).Trim());
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "03-preview");
        await reviewer.GoBackAsync();
        await reviewer.WaitForURLAsync($"**/workspace/disclosures/{id}");

        // The draft PDF says 草稿 on every page.
        var download = await reviewer.RunAndWaitForDownloadAsync(
            () => review.GetByRole(AriaRole.Link, new() { Name = "预览 PDF（草稿）" }).ClickAsync(), new() { Timeout = 120_000 });
        Assert.Contains("草稿", download.SuggestedFilename);
        // Kept beside the screenshots, for a person to look at.
        await download.SaveAsAsync(Path.Combine(BrowserFixture.ScreenshotFolder, Journey, "draft.pdf"));
        var pages = await Poppler.PageTextsAsync(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.All(pages, p => Assert.Contains("草稿", p));

        // Returned with a comment (none: refused with the reason) …
        await review.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await reviewer.Locator(".errors", new() { HasText = "退回时必须填写审核意见" }).WaitForAsync();
        const string comment = "请核对表3 的项目支出与情况说明是否一致。";
        await reviewer.GetByLabel("审核意见").FillAsync(comment);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await reviewer.Locator(".notice", new() { HasText = "已退回修改" }).WaitForAsync();

        // … which the officer reads, and resubmits.
        await officer.ReloadAsync();
        Assert.Contains(comment, await officer.Locator(".review-comment").InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(officer, Journey, "04-officer-returned");
        await officer.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await officer.Locator(".notice", new() { HasText = "已提交审核" }).WaitForAsync();

        // The same pages on a phone, before publishing.
        var phone = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "rv-browser-reviewer", WorkspaceFixture.Password, width: 390);
        await phone.GotoAsync($"/workspace/disclosures/{id}");
        await WorkspaceBrowser.ShotAsync(phone, Journey, "02-reviewer-draft");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
        await phone.Locator("section.review").GetByRole(AriaRole.Link, new() { Name = "预览公开页面" }).ClickAsync();
        await phone.WaitForURLAsync($"**/workspace/disclosures/{id}/preview");
        await WorkspaceBrowser.ShotAsync(phone, Journey, "03-preview");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
        await phone.GotoAsync($"/workspace/disclosures/{id}");
        await phone.GetByRole(AriaRole.Link, new() { Name = "发布…" }).ClickAsync();
        await phone.Locator(".confirm-publish").WaitForAsync();
        await WorkspaceBrowser.ShotAsync(phone, Journey, "05-confirm");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);

        // 发布… shows what becomes public; nothing is published until 确认发布.
        await reviewer.ReloadAsync();
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "发布…" }).ClickAsync();
        var confirm = reviewer.Locator(".confirm-publish");
        await confirm.WaitForAsync();
        var facts = await confirm.Locator(".confirm-facts").InnerTextAsync();
        Assert.Contains(department, facts);
        Assert.Contains(publicPath, facts);
        Assert.Contains("收支总计", facts);
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "05-confirm");
        using (var stillHidden = await portal.Http.GetAsync(publicPath))
            Assert.Equal(System.Net.HttpStatusCode.NotFound, stillHidden.StatusCode);

        await confirm.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        var notice = reviewer.Locator(".notice", new() { HasText = "已发布" });
        await notice.WaitForAsync(new() { Timeout = 120_000 });
        var message = await notice.InnerTextAsync();
        Assert.Contains("PDF 已生成，SHA-256", message);
        var sha = message[(message.LastIndexOf('：') + 1)..].Trim();
        Assert.Equal(64, sha.Length);
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "06-published");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(reviewer);

        // 确认发布 a second time, on the confirmation still open on the phone: refused, nothing published twice.
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await phone.Locator(".errors", new() { HasText = "第 1 版已经发布，无需再次发布" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(phone, Journey, "06-second-confirmation");

        // The link leads to the public page, which shows the same hash.
        await reviewer.Locator(".published-links").GetByRole(AriaRole.Link, new() { Name = publicPath, Exact = true }).ClickAsync();
        await reviewer.WaitForURLAsync($"**{publicPath}");
        Assert.Equal(sha, (await reviewer.Locator("code.sha256").InnerTextAsync()).Trim());
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "07-public");

        await phone.GotoAsync($"/workspace/disclosures/{id}");
        await WorkspaceBrowser.ShotAsync(phone, Journey, "06-published");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
        // The public page now shows the file's SHA-256 from the start: it wraps on a phone.
        await phone.GotoAsync(publicPath);
        Assert.Equal(sha, (await phone.Locator("code.sha256").InnerTextAsync()).Trim());
        await WorkspaceBrowser.ShotAsync(phone, Journey, "07-public");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
    }
}

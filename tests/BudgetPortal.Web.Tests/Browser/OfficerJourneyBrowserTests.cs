using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// Issue 11's journey in Chromium, click by click: an administrator creates a department that is not
/// among the seeds and its officer and reviewer; the officer enters a whole disclosure — eleven tables
/// with codes outside the seeds' catalog, 部门概况, both kinds of performance sheets, the sign-off —
/// and submits; the reviewer reads every part, previews the page and the draft PDF, returns it once;
/// the officer fixes what was asked and resubmits; the reviewer publishes; the public page, JSON, CSV
/// and PDF then show the figures typed. Every form submission of the officer from the login to
/// 提交审核 is counted (docs/benchmarks.md states the count).
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class OfficerJourneyBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Department = "某县商务局";
    private const string Journey = "officer-journey";

    /// <summary>Leaves typed into each table: (row, column, amount); names for codes the catalog lacks.</summary>
    private static readonly Dictionary<string, string> Names = new()
    {
        ["20113"] = "商贸事务", ["2011350"] = "事业运行", ["2011399"] = "其他商贸事务支出",
    };

    [Fact]
    public async Task ADepartmentOutsideTheSeedsIsCreatedEnteredReviewedAndPublished()
    {
        // The administrator: 部门管理, then 用户与权限 for the officer and the reviewer.
        await portal.CreateUserAsync("journey-admin", PortalRoles.Administrator);
        var admin = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "journey-admin", WorkspaceFixture.Password);
        await admin.GotoAsync("/workspace");
        await admin.GetByRole(AriaRole.Link, new() { Name = "部门管理" }).ClickAsync();
        var form = admin.Locator("form.dept-form");
        await form.GetByLabel("代码").FillAsync("ksw-journey");
        await form.GetByLabel("全称").FillAsync(Department);
        await form.GetByLabel("单位类型").SelectOptionAsync(new SelectOptionValue { Label = "行政单位" });
        await form.GetByLabel("全称").PressAsync("Enter");
        await admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "已新建部门" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(admin, Journey, "00-admin-department");
        var officerPassword = await CreatePersonAsync(admin, "journey-officer", "商务局填报员", PortalRoles.Officer, Department);
        var reviewerPassword = await CreatePersonAsync(admin, "journey-reviewer", "财政局审核员", PortalRoles.Reviewer, null);

        var page = await browser.NewPageAsync(portal.BaseAddress, 1366);
        var submissions = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.IsNavigationRequest) submissions.Add(new Uri(request.Url).PathAndQuery);
        };
        await SignInFirstTimeAsync(page, "journey-officer", officerPassword);
        // The one-time password is changed once, at the first login: not part of entering a disclosure.
        submissions.RemoveAll(s => s.StartsWith("/account/change-password", StringComparison.Ordinal));

        // 新建 2026 from a blank start (no earlier year published).
        await page.GotoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建年度预算公开" }).ClickAsync();
        await page.GetByLabel("部门").SelectOptionAsync(new SelectOptionValue { Label = Department });
        await page.GetByLabel("预算年度").FillAsync("2026");
        await page.GetByLabel("从空白开始").CheckAsync();
        // This journey types the eleven tables (the line-based journey is LineJourneyBrowserTests).
        await page.GetByLabel("按表格编制").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "新建" }).ClickAsync();
        await page.WaitForURLAsync("**/workspace/disclosures/*");
        var id = int.Parse(page.Url.Split('/').Last().Split('?')[0]);
        await WorkspaceBrowser.ShotAsync(page, Journey, "01-new-draft");

        // 表1: the income line and the 类; the lines above and the totals are summed on save.
        await page.GetByRole(AriaRole.Link, new() { Name = "表1 部门收支总体情况表" }).ClickAsync();
        await Type(page, ("generalBudgetOwn", "income", "100"), ("201", "expenditure", "100"));
        await SaveAndNext(page, 1);
        // 表2–表3, 表5: the 项 outside the seeds' catalog, added at once.
        await AddCodes(page, "2011350，2011399");
        await Type(page, ("2011350", "total", "80"), ("2011350", "fiscal", "80"), ("2011350", "generalBudget", "80"),
            ("2011399", "total", "20"), ("2011399", "fiscal", "20"), ("2011399", "generalBudget", "20"));
        await SaveAndNext(page, 2);
        await AddCodes(page, "2011350，2011399");
        await Type(page, ("2011350", "total", "80"), ("2011350", "basic", "80"), ("2011399", "total", "20"), ("2011399", "project", "20"));
        await SaveAndNext(page, 3);
        await Type(page, ("fiscal", "income", "100"), ("generalBudget", "income", "100"), ("201", "total", "100"), ("201", "generalBudget", "100"));
        await SaveAndNext(page, 4);
        await AddCodes(page, "2011350，2011399");
        await Type(page, ("2011350", "total", "80"), ("2011350", "basic", "80"), ("2011399", "total", "20"), ("2011399", "project", "20"));
        await SaveAndNext(page, 5);
        // 表6 by 经济分类; the 人员经费 and 公用经费 of 表5's 基本支出.
        await AddCodes(page, "30101，30201");
        await Type(page, ("30101", "total", "60"), ("30101", "personnel", "60"), ("30201", "total", "20"), ("30201", "public", "20"));
        await SaveAndNext(page, 6);
        // 表7: the project under its 项, by economic column.
        await page.GetByLabel("科目编码或名称").FillAsync("2011399");
        await page.GetByLabel("项目名称", new() { Exact = true }).Last.FillAsync("商贸流通促进经费");
        await page.GetByLabel("项目名称", new() { Exact = true }).Last.PressAsync("Enter");
        await page.Locator("tr.kind-project").WaitForAsync();
        await FillNames(page);
        await page.Locator("tr.kind-project input[name$='.Cells[total]']").FillAsync("20");
        await page.Locator("tr.kind-project input[name$='.Cells[goodsServices]']").FillAsync("20");
        await WorkspaceBrowser.ShotAsync(page, Journey, "07-table7");
        await Save(page, "表7已保存");
        // 表8–表11 stay empty: their empty sentences are printed.

        // 部门概况.
        await page.GotoAsync($"/workspace/disclosures/{id}/overview");
        await page.Locator("#functions").FillAsync("负责全县商务工作。");
        await page.Locator("#units").FillAsync("综合办公室");
        foreach (var (label, value) in new[] { ("编制数", "10"), ("实有人数", "12"), ("在职（人）", "10"), ("退休（人）", "2") })
            await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await page.GetByLabel("退休（人）", new() { Exact = true }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "部门概况已保存" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "08-overview");

        // 部门整体绩效目标表 and the project's sheet, each in one save (a row of each 一级指标 is offered).
        await SaveSheet(page, $"/workspace/disclosures/{id}/sheets/0",
            [("部门联系人", "张三"), ("联系电话", "0994-2345678"), ("财政资金 本级安排（万元）", "100")], "保障商务工作正常运转。",
            (1, "开展商贸活动次数", "＞=10 次", "10"), (4, "促进消费", "提高", "10"));
        await SaveSheet(page, $"/workspace/disclosures/{id}/sheets/1",
            [("项目负责人", "李四"), ("年度预算总额（万元）", "20"), ("其中：财政拨款（万元）", "20")], "促进商贸流通。",
            (1, "举办展销会", "＞=2 场", "20"));
        await WorkspaceBrowser.ShotAsync(page, Journey, "09-project-sheet");
        // The project's sheet shows its own findings, not the department sheet's.
        Assert.DoesNotContain(await page.Locator("section.findings li").AllInnerTextsAsync(), f => f.Contains("部门整体"));
        Assert.Contains(await page.Locator("section.findings li").AllInnerTextsAsync(), f => f.Contains("商贸流通促进经费"));

        // 情况说明 is drafted from the tables; the officer writes what only a person can: 说明七's project wording.
        await page.GotoAsync($"/workspace/disclosures/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "情况说明", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "各节" }).GetByRole(AriaRole.Link, new() { Name = "七", Exact = true }).ClickAsync();
        await page.GetByLabel("商贸流通促进经费 设立的政策依据").FillAsync("《某县促进商贸流通发展的实施意见》");
        await page.GetByLabel("商贸流通促进经费 资金分配情况").FillAsync("用于举办展销会和商贸促进活动");
        await WorkspaceBrowser.ShotAsync(page, Journey, "09b-note-7");
        await Save(page, "情况说明七已保存");

        // 落款与日期.
        await page.GotoAsync($"/workspace/disclosures/{id}/sign-off");
        await page.GetByLabel("日期", new() { Exact = true }).FillAsync("2026-01-20");
        await page.GetByLabel("日期", new() { Exact = true }).PressAsync("Enter");
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}");

        // The checks have nothing left to block; the officer submits.
        await WorkspaceBrowser.ShotAsync(page, Journey, "10-ready");
        var errors = await page.Locator("li.finding.error").AllInnerTextsAsync();
        Assert.True(errors.Count == 0, "checks still fail:\n" + string.Join("\n", errors));
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已提交审核" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "11-submitted");

        await using var db = portal.NewDbContext();
        Assert.Equal(DisclosureStatus.Submitted, (await db.Disclosures.SingleAsync(d => d.Id == id)).Status);
        // Login, 新建, 4 adds + 表1–表7 saves, 概况, two sheets, 说明七, 落款, 提交 (docs/benchmarks.md).
        Assert.True(submissions.Count <= 20, $"{submissions.Count} submissions:\n{string.Join("\n", submissions)}");
        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, Journey, "submissions.txt"),
            [$"{submissions.Count} form submissions from login to 提交审核", .. submissions]);

        // The same forms at phone width: usable, and the page never scrolls sideways.
        var phone = await browser.NewPageAsync(portal.BaseAddress, 390);
        await WorkspaceBrowser.SignInAsync(phone, "journey-officer", OwnPassword);
        foreach (var part in new[] { "", "/tables/2", "/tables/7", "/overview", "/sheets/1", "/sign-off" })
        {
            await phone.GotoAsync($"/workspace/disclosures/{id}{part}");
            await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
            await WorkspaceBrowser.ShotAsync(phone, Journey, "phone" + part.Replace('/', '-'));
        }

        // The reviewer reads every part of it, previews the page and the draft PDF, and returns it once.
        var reviewer = await browser.NewPageAsync(portal.BaseAddress, 1366);
        await SignInFirstTimeAsync(reviewer, "journey-reviewer", reviewerPassword);
        await reviewer.GotoAsync("/workspace");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = Department, Exact = true }).ClickAsync();
        await reviewer.WaitForURLAsync($"**/workspace/disclosures/{id}");
        foreach (var (link, shows) in new[] { ("表3 部门支出总体情况表", "100.00"), ("表7 一般公共预算项目支出情况表", "商贸流通促进经费"),
                     ("部门概况", "负责全县商务工作"), ("情况说明", "说明"), ("绩效目标表", "开展商贸活动次数"), ("落款与日期", Department) })
        {
            await reviewer.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await reviewer.Locator("main", new() { HasText = "只能查看" }).WaitForAsync();
            var text = await reviewer.Locator("main").InnerTextAsync() + string.Join(" ",
                await reviewer.Locator("main input, main textarea").EvaluateAllAsync<string[]>("els => els.map(e => e.value)"));
            Assert.Contains(shows, text);
            Assert.Equal(0, await reviewer.Locator("main form button:visible").CountAsync());
            await WorkspaceBrowser.ShotAsync(reviewer, Journey, "12-reviewer-reads-" + link.Split(' ')[0]);
            await reviewer.GoBackAsync();
            await reviewer.WaitForURLAsync($"**/workspace/disclosures/{id}");
        }
        var review = reviewer.Locator("section.review");
        await review.GetByRole(AriaRole.Link, new() { Name = "预览公开页面" }).ClickAsync();
        await reviewer.WaitForURLAsync($"**/workspace/disclosures/{id}/preview");
        Assert.Equal("100.00", (await reviewer.Locator("#table-3 td[data-row='total'][data-column='total']").InnerTextAsync()).Trim());
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "13-preview");
        await reviewer.GoBackAsync();
        var draftPdf = await reviewer.RunAndWaitForDownloadAsync(
            () => review.GetByRole(AriaRole.Link, new() { Name = "预览 PDF（草稿）" }).ClickAsync(), new() { Timeout = 120_000 });
        var draftPages = await Poppler.PageTextsAsync(await File.ReadAllBytesAsync((await draftPdf.PathAsync())!));
        Assert.All(draftPages, p => Assert.Contains("草稿", p));
        Assert.Contains(draftPages, p => p.Contains("商贸流通促进经费"));
        await draftPdf.SaveAsAsync(Path.Combine(BrowserFixture.ScreenshotFolder, Journey, "draft.pdf"));
        const string comment = "部门整体绩效目标表的分值权重之和应为 100，请修改后再提交。";
        await reviewer.GetByLabel("审核意见").FillAsync(comment);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Status).Filter(new() { HasText = "已退回修改" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "14-returned");

        // The officer reads the comment, fixes the weights, and submits again.
        await page.GotoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new() { Name = Department, Exact = true }).ClickAsync();
        Assert.Contains(comment, await page.Locator(".review-comment").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "绩效目标表" }).ClickAsync();
        // The two indicators typed (rows of the offered template left blank were not stored).
        await page.GetByLabel("第 1 行 分值权重").FillAsync("50");
        await page.GetByLabel("第 2 行 分值权重").FillAsync("50");
        await page.GetByLabel("第 2 行 分值权重").PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" }).WaitForAsync();
        await page.GotoAsync($"/workspace/disclosures/{id}");
        Assert.DoesNotContain("部门整体绩效目标表 分值权重之和", await page.Locator("section[aria-labelledby='checks-title']").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已提交审核" }).WaitForAsync();

        // The reviewer publishes after the confirmation, and follows the link to the public page.
        await reviewer.ReloadAsync();
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "发布…" }).ClickAsync();
        var confirm = reviewer.Locator(".confirm-publish");
        Assert.Contains("100.00", await confirm.InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "15-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Status).Filter(new() { HasText = "已发布" }).WaitForAsync(new() { Timeout = 120_000 });
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "/departments/ksw-journey/2026", Exact = true }).First.ClickAsync();
        await reviewer.WaitForURLAsync("**/departments/ksw-journey/2026");
        Assert.Equal("100.00", (await reviewer.Locator("#table-3 td[data-row='total'][data-column='total']").InnerTextAsync()).Trim());
        Assert.Contains("商贸流通促进经费", await reviewer.Locator("#table-7").InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "16-public-page");

        // JSON, CSV and PDF say what was typed.
        var json = await portal.Http.GetStringAsync("/api/v1/disclosures/ksw-journey/2026");
        Assert.Contains("2011350", json);
        Assert.Contains("商贸流通促进经费", json);
        var csv = await portal.Http.GetStringAsync("/departments/ksw-journey/2026/tables/3.csv");
        Assert.Contains("事业运行", csv);
        Assert.Contains("80.00", csv);
        var pdfDownload = await reviewer.RunAndWaitForDownloadAsync(
            () => reviewer.GetByRole(AriaRole.Link, new() { Name = "下载 PDF" }).ClickAsync(), new() { Timeout = 120_000 });
        var pages = await Poppler.PageTextsAsync(await File.ReadAllBytesAsync((await pdfDownload.PathAsync())!));
        Assert.DoesNotContain(pages, p => p.Contains("草稿"));
        Assert.Contains(pages, p => p.Contains("商贸流通促进经费") && p.Contains("20.00"));
        Assert.Contains(pages, p => p.Contains("其他商贸事务支出"));
        Assert.Contains(pages, p => p.Contains("某县促进商贸流通发展的实施意见"));
    }

    private const string OwnPassword = "Eigenes-Kennwort#2026";

    /// <summary>Creates a person in 用户与权限 and returns the one-time password the page shows once.</summary>
    private static async Task<string> CreatePersonAsync(IPage admin, string userName, string name, string role, string? department)
    {
        await admin.GotoAsync("/admin/users");
        await admin.GetByLabel("用户名").FillAsync(userName);
        await admin.GetByLabel("姓名").FillAsync(name);
        await admin.GetByLabel("角色").SelectOptionAsync(role);
        if (department is not null) await admin.GetByLabel(department, new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        var status = admin.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{userName} 的一次性密码" });
        await status.WaitForAsync();
        await WorkspaceBrowser.ShotAsync(admin, Journey, "00-admin-" + userName);
        var text = await status.InnerTextAsync();
        var start = text.IndexOf("一次性密码：", StringComparison.Ordinal) + "一次性密码：".Length;
        return text[start..text.IndexOf('（', start)].Trim();
    }

    /// <summary>The first login with a one-time password: the person must choose their own first.</summary>
    private static async Task SignInFirstTimeAsync(IPage page, string userName, string oneTimePassword)
    {
        await WorkspaceBrowser.SignInAsync(page, userName, oneTimePassword);
        await page.WaitForURLAsync("**/account/change-password**");
        await page.GetByLabel("当前密码").FillAsync(oneTimePassword);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(OwnPassword);
        await page.GetByLabel("确认新密码").FillAsync(OwnPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/change-password", StringComparison.Ordinal));
    }

    private static async Task Type(IPage page, params (string Row, string Column, string Amount)[] cells)
    {
        foreach (var (row, column, amount) in cells)
            await page.Locator($"tr[data-row='{row}'] input[name$='.Cells[{column}]']").FillAsync(amount);
    }

    private static async Task AddCodes(IPage page, string codes)
    {
        var box = page.GetByLabel("科目编码或名称");
        await box.FillAsync(codes);
        await box.PressAsync("Enter");
        await page.Locator("fieldset.add-row .notice").WaitForAsync();
        await FillNames(page);
    }

    /// <summary>Codes the catalog does not know come without a name: the officer types it.</summary>
    private static async Task FillNames(IPage page)
    {
        foreach (var (code, name) in Names)
        {
            var input = page.Locator($"tr[data-row='{code}']:not(.kind-project) input[name$='.Name']");
            if (await input.CountAsync() == 1 && await input.InputValueAsync() == "") await input.FillAsync(name);
        }
    }

    /// <summary>Clicks 保存 and waits for the status line saying <paramref name="saved"/>.</summary>
    private static async Task Save(IPage page, string saved)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = saved }).WaitForAsync();
    }

    private static async Task SaveAndNext(IPage page, int number)
    {
        await WorkspaceBrowser.ShotAsync(page, Journey, $"table{number}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"保存并填写表{number + 1}" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"表{number}已保存" }).WaitForAsync();
    }

    /// <summary>Opens the performance sheet at <paramref name="path"/>, types its labelled fields, goal and indicator rows, and saves it.</summary>
    private static async Task SaveSheet(IPage page, string path, (string Label, string Value)[] fields, string goal,
        params (int Row, string Level3, string Value, string Weight)[] indicators)
    {
        await page.GotoAsync(path);
        foreach (var (label, value) in fields)
            await page.GetByLabel(label).FillAsync(value);
        await page.Locator("#goal").FillAsync(goal);
        foreach (var (row, level3, value, weight) in indicators)
            await Indicator(page, row, level3, value, weight);
        await Save(page, "已保存");
    }

    private static async Task Indicator(IPage page, int row, string level3, string value, string weight)
    {
        await page.GetByLabel($"第 {row} 行 三级指标").FillAsync(level3);
        await page.GetByLabel($"第 {row} 行 指标值", new() { Exact = true }).FillAsync(value);
        await page.GetByLabel($"第 {row} 行 {(await page.GetByLabel($"第 {row} 行 分值权重").CountAsync() > 0 ? "分值权重" : "指标分值权重")}").FillAsync(weight);
    }
}

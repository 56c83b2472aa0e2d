using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// An officer of a department that is not among the seeds enters a whole disclosure in Chromium —
/// eleven tables with codes outside the seeds' catalog, 部门概况, both kinds of performance sheets,
/// the sign-off — fixes what the checks flag, and submits. Every form submission from the login to
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
    public async Task AnOfficerEntersEveryPartAndSubmitsWithFewSubmissions()
    {
        await portal.CreateDepartmentAsync("swj-journey", Department);
        await portal.CreateUserAsync("journey-officer", PortalRoles.Officer, "swj-journey");
        var page = await browser.NewPageAsync(portal.BaseAddress, 1366);
        var submissions = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.IsNavigationRequest) submissions.Add(new Uri(request.Url).PathAndQuery);
        };
        await WorkspaceBrowser.SignInAsync(page, "journey-officer", WorkspaceFixture.Password);

        // 新建 2026 from a blank start (no earlier year published).
        await page.GetByRole(AriaRole.Link, new() { Name = "新建年度预算公开" }).ClickAsync();
        await page.GetByLabel("部门").SelectOptionAsync(new SelectOptionValue { Label = Department });
        await page.GetByLabel("预算年度").FillAsync("2026");
        await page.GetByLabel("从空白开始").CheckAsync();
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
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "表7已保存" }).WaitForAsync();
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
        await page.GotoAsync($"/workspace/disclosures/{id}/sheets/0");
        await page.GetByLabel("部门联系人").FillAsync("张三");
        await page.GetByLabel("联系电话").FillAsync("0994-2345678");
        await page.GetByLabel("财政资金 本级安排（万元）").FillAsync("100");
        await page.Locator("#goal").FillAsync("保障商务工作正常运转。");
        await Indicator(page, 1, "开展商贸活动次数", "＞=10 次", "10");
        await Indicator(page, 4, "促进消费", "提高", "10");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" }).WaitForAsync();
        await page.GotoAsync($"/workspace/disclosures/{id}/sheets/1");
        await page.GetByLabel("项目负责人").FillAsync("李四");
        await page.GetByLabel("年度预算总额（万元）").FillAsync("20");
        await page.GetByLabel("其中：财政拨款（万元）").FillAsync("20");
        await page.Locator("#goal").FillAsync("促进商贸流通。");
        await Indicator(page, 1, "举办展销会", "＞=2 场", "20");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "09-project-sheet");

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
        // Login, 新建, 3 adds + 表1–表6 saves, 表7 add + save, 概况, two sheets, 落款, 提交 (docs/benchmarks.md).
        Assert.True(submissions.Count <= 20, $"{submissions.Count} submissions:\n{string.Join("\n", submissions)}");
        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, Journey, "submissions.txt"),
            [$"{submissions.Count} form submissions from login to 提交审核", .. submissions]);

        // The same forms at phone width: usable, and the page never scrolls sideways.
        var phone = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "journey-officer", WorkspaceFixture.Password, 390);
        foreach (var part in new[] { "", "/tables/2", "/tables/7", "/overview", "/sheets/1", "/sign-off" })
        {
            await phone.GotoAsync($"/workspace/disclosures/{id}{part}");
            await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
            await WorkspaceBrowser.ShotAsync(phone, Journey, "phone" + part.Replace('/', '-'));
        }
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

    private static async Task SaveAndNext(IPage page, int number)
    {
        await WorkspaceBrowser.ShotAsync(page, Journey, $"table{number}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"保存并填写表{number + 1}" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"表{number}已保存" }).WaitForAsync();
    }

    private static async Task Indicator(IPage page, int row, string level3, string value, string weight)
    {
        await page.GetByLabel($"第 {row} 行 三级指标").FillAsync(level3);
        await page.GetByLabel($"第 {row} 行 指标值", new() { Exact = true }).FillAsync(value);
        await page.GetByLabel($"第 {row} 行 {(await page.GetByLabel($"第 {row} 行 分值权重").CountAsync() > 0 ? "分值权重" : "指标分值权重")}").FillAsync(weight);
    }
}

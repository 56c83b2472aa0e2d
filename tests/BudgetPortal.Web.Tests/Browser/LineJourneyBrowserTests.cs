using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using BudgetPortal.Web.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// Issue 12's journey in Chromium, click by click: an officer of a department outside the seeds starts a
/// line-based draft, enters a small budget as lines (添加 with Enter, an edit in place saved with Enter, a
/// second save, the back button, a phone-width screen), previews the tables derived from them, downloads
/// the Excel line template, fills it and uploads it, sees a bad file refused with its row and column,
/// and submits; a reviewer publishes, and the public page shows the derived tables.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class LineJourneyBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Department = "某县招商服务中心（明细测试）";
    private const string Code = "line-journey";
    private const string Journey = "line-journey";

    public async Task InitializeAsync()
    {
        await portal.CreateDepartmentAsync(Code, Department);
        await portal.CreateUserAsync("line-officer", PortalRoles.Officer, Code);
        await portal.CreateUserAsync("line-reviewer", PortalRoles.Reviewer);
    }

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private static ILocator New(IPage page, LineField field) => page.GetByLabel($"新增 {Column(field)}", new() { Exact = true });

    private static string Column(LineField field) => LineForm.Column(field);

    /// <summary>Types a line into the 添加 box and presses Enter in its amount: 添加, not 保存 (LineBasisBrowserTests too).</summary>
    internal static async Task AddLineAsync(IPage page, int number, string functional, string economic, string spending, string source, string amount,
        string? project = null, string? leader = null)
    {
        await New(page, LineField.FunctionalCode).FillAsync(functional);
        await New(page, LineField.EconomicCode).FillAsync(economic);
        await New(page, LineField.Spending).FillAsync(spending);
        if (project is not null) await New(page, LineField.Project).FillAsync(project);
        if (leader is not null) await New(page, LineField.ProjectLeader).FillAsync(leader);
        await New(page, LineField.Source).FillAsync(source);
        await New(page, LineField.Amount).FillAsync(amount);
        await New(page, LineField.Amount).PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"已添加第 {number} 行" }).WaitForAsync();
    }

    private async Task<List<decimal>> StoredAmountsAsync(int id)
    {
        await using var db = portal.NewDbContext();
        return await db.BudgetLines.Where(l => l.DisclosureId == id).OrderBy(l => l.Ordinal).Select(l => l.Amount).ToListAsync();
    }

    [Fact]
    public async Task AnOfficerEntersABudgetAsLinesByFormAndTemplateAndAReviewerPublishesIt()
    {
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "line-officer", WorkspaceFixture.Password);
        // The pages raise no script error on the way (the code picker asks the catalog as the officer types).
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add($"{page.Url}: {error}");
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add($"{page.Url}: {message.Text}"); };

        // 新建: 按预算明细编制 is the recommended choice, already chosen.
        await page.GotoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建年度预算公开" }).ClickAsync();
        await page.GetByLabel("部门").SelectOptionAsync(new SelectOptionValue { Label = Department });
        await page.GetByLabel("预算年度").FillAsync("2026");
        await page.GetByLabel("从空白开始").CheckAsync();
        Assert.True(await page.GetByLabel("按预算明细编制（推荐）").IsCheckedAsync());
        await WorkspaceBrowser.ShotAsync(page, Journey, "01-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建" }).ClickAsync();
        await page.WaitForURLAsync("**/workspace/disclosures/*");
        var id = int.Parse(page.Url.Split('/').Last().Split('?')[0]);

        // The lines page: three lines added with Enter, none stored until 保存.
        await page.GetByRole(AriaRole.Link, new() { Name = "预算明细", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}/lines");
        await AddLineAsync(page, 1, "2013150", "30101", "人员经费", "一般公共预算拨款", "60");
        // The page answered a POST, but its address is the page's own: reload and back never resend the form.
        await page.WaitForURLAsync(url => url.EndsWith($"/disclosures/{id}/lines", StringComparison.Ordinal));
        await AddLineAsync(page, 2, "2013150", "30201", "公用经费", "一般公共预算拨款", "20");
        await AddLineAsync(page, 3, "2013150", "30227", "项目支出", "一般公共预算拨款", "20", "招商服务经费", "王五");
        Assert.Empty(await StoredAmountsAsync(id));
        Assert.Equal("事业运行", (await page.Locator("#line-0 .code-name").First.InnerTextAsync()).Trim());
        await WorkspaceBrowser.ShotAsync(page, Journey, "02-three-lines-added");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "预算明细已保存（3 行）" }).WaitForAsync();
        Assert.Equal([60m, 20m, 20m], await StoredAmountsAsync(id));

        // An edit in place, saved with Enter in the field: the second save.
        var first = page.GetByLabel($"第 1 行 {Column(LineField.Amount)}", new() { Exact = true });
        await first.FillAsync("65");
        await first.PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "预算明细已保存" }).WaitForAsync();
        Assert.Equal([65m, 20m, 20m], await StoredAmountsAsync(id));
        Assert.Equal("105.00", (await page.Locator("#lines-total").InnerTextAsync()).Trim());
        // A refused edit keeps what was typed and names the line and column.
        await first.FillAsync("65.001");
        await first.PressAsync("Enter");
        await page.Locator(".line-errors", new() { HasText = "第 1 行“金额（万元）”" }).WaitForAsync();
        Assert.Equal("65.001", await first.InputValueAsync());
        Assert.Equal([65m, 20m, 20m], await StoredAmountsAsync(id));
        await WorkspaceBrowser.ShotAsync(page, Journey, "03-refused-edit");

        // The tables are derived: 表3 is read-only and says where its figures come from.
        await page.GotoAsync($"/workspace/disclosures/{id}/tables/3");
        Assert.Contains("由预算明细生成", await page.Locator(".line-based").InnerTextAsync());
        // Back: the lines as stored, no question about resending a form.
        await page.GoBackAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}/lines");
        Assert.Equal("65.00", await page.GetByLabel($"第 1 行 {Column(LineField.Amount)}", new() { Exact = true }).InputValueAsync());

        // The preview shows the derived tables.
        await page.GetByRole(AriaRole.Link, new() { Name = "预览生成的表格" }).ClickAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}/preview");
        Assert.Equal("105.00", (await page.Locator("#table-3 td[data-row='total'][data-column='total']").InnerTextAsync()).Trim());
        Assert.Contains("招商服务经费", await page.Locator("#table-7").InnerTextAsync());
        await WorkspaceBrowser.ShotAsync(page, Journey, "04-preview");

        // The template: downloaded with the three lines, filled with a fourth, uploaded.
        await page.GotoAsync($"/workspace/disclosures/{id}/lines");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "下载明细 Excel 模板（含本稿当前的明细）" }).First.ClickAsync());
        var template = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var rows = TestWorkbook.Rows(template, "预算明细");
        Assert.Equal(LineSheet.Headers, rows[0]);
        Assert.Equal(4, rows.Count);
        var filled = Path.Combine(BrowserFixture.ScreenshotFolder, Journey, "filled.xlsx");
        await File.WriteAllBytesAsync(filled, TestWorkbook.OneSheet("预算明细",
        [
            [.. LineSheet.Headers],
            ["201 31 50", "事业运行", "301 01", "基本工资", "人员经费", "", "", "一般公共预算拨款", "65"],
            ["201 31 50", "事业运行", "302 01", "办公费", "公用经费", "", "", "一般公共预算拨款", "20"],
            ["201 31 50", "事业运行", "302 27", "委托业务费", "项目支出", "招商服务经费", "王五", "一般公共预算拨款", "20"],
            ["201 31 50", "事业运行", "302 01", "办公费", "公用经费", "", "", "单位资金—事业收入", "5.5"],
        ]));
        await page.GetByLabel("明细 Excel（.xlsx）").SetInputFilesAsync(filled);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传明细" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "读入 4 行预算明细" }).WaitForAsync();
        Assert.Equal([65m, 20m, 20m, 5.5m], await StoredAmountsAsync(id));
        Assert.Equal("110.50", (await page.Locator("#lines-total").InnerTextAsync()).Trim());

        // A bad file: refused with its row and column, nothing stored.
        var bad = Path.Combine(BrowserFixture.ScreenshotFolder, Journey, "bad.xlsx");
        await File.WriteAllBytesAsync(bad, TestWorkbook.OneSheet("预算明细",
        [
            [.. LineSheet.Headers],
            ["2013150", "", "30101", "", "人员经费", "", "", "一般公共预算拨款", "65"],
            ["2013150", "", "30101", "", "公用经费", "", "", "一般公共预算拨款", "二十"],
        ]));
        await page.GetByLabel("明细 Excel（.xlsx）").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传明细" }).ClickAsync();
        var problems = page.Locator(".upload-problems");
        await problems.WaitForAsync();
        Assert.Contains("第 3 行“经济分类科目编码”", await problems.InnerTextAsync());
        Assert.Contains("第 3 行“金额（万元）”", await problems.InnerTextAsync());
        Assert.Contains("未保存任何内容", await page.Locator("main").InnerTextAsync());
        Assert.Equal([65m, 20m, 20m, 5.5m], await StoredAmountsAsync(id));
        await WorkspaceBrowser.ShotAsync(page, Journey, "05-bad-upload");

        Assert.True(scriptErrors.Count == 0, string.Join("\n", scriptErrors));

        // The phone: the lines page fits the screen (the table scrolls inside its box).
        var phone = await browser.NewPageAsync(portal.BaseAddress, 390);
        await WorkspaceBrowser.SignInAsync(phone, "line-officer", WorkspaceFixture.Password);
        await phone.GotoAsync($"/workspace/disclosures/{id}/lines");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(phone);
        await WorkspaceBrowser.ShotAsync(phone, Journey, "06-phone-lines");

        // What only a person can write — the project's 绩效目标表 (its 表7 row is the lines' project), the date — then 提交审核.
        await page.GotoAsync($"/workspace/disclosures/{id}/sheets/1");
        Assert.Contains("招商服务经费", await page.Locator("main").InnerTextAsync());
        foreach (var (label, value) in new[] { ("项目负责人", "王五"), ("年度预算总额（万元）", "20"), ("其中：财政拨款（万元）", "20") })
            await page.GetByLabel(label).FillAsync(value);
        await page.Locator("#goal").FillAsync("做好招商引资服务。");
        await page.GetByLabel("第 1 行 三级指标").FillAsync("举办招商推介会");
        await page.GetByLabel("第 1 行 指标值", new() { Exact = true }).FillAsync("＞=2 场");
        var weight = await page.GetByLabel("第 1 行 分值权重").CountAsync() > 0 ? "第 1 行 分值权重" : "第 1 行 指标分值权重";
        await page.GetByLabel(weight).FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" }).WaitForAsync();
        await page.GotoAsync($"/workspace/disclosures/{id}/sign-off");
        await page.GetByLabel("日期", new() { Exact = true }).FillAsync("2026-01-20");
        await page.GetByLabel("日期", new() { Exact = true }).PressAsync("Enter");
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}");
        var errors = await page.Locator("li.finding.error").AllInnerTextsAsync();
        Assert.True(errors.Count == 0, "checks still fail:\n" + string.Join("\n", errors));
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已提交审核" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "07-submitted");

        // The reviewer reads the lines (read-only) and publishes.
        var reviewer = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "line-reviewer", WorkspaceFixture.Password);
        await reviewer.GotoAsync($"/workspace/disclosures/{id}/lines");
        Assert.Contains("招商服务经费", await reviewer.Locator("form.lines-form").InnerTextAsync());
        Assert.Equal(0, await reviewer.Locator("form.lines-form input:not([type=hidden])").CountAsync());
        await reviewer.GotoAsync($"/workspace/disclosures/{id}");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "发布…" }).ClickAsync();
        await reviewer.Locator(".confirm-publish").GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Status).Filter(new() { HasText = "已发布" }).WaitForAsync(new() { Timeout = 120_000 });
        await reviewer.GotoAsync($"/departments/{Code}/2026");
        Assert.Equal("110.50", (await reviewer.Locator("#table-3 td[data-row='total'][data-column='total']").InnerTextAsync()).Trim());
        await WorkspaceBrowser.ShotAsync(reviewer, Journey, "08-public-page");

        await using var db = portal.NewDbContext();
        var published = await db.Disclosures.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal(DisclosureStatus.Published, published.Status);
        Assert.Equal(BudgetBasis.Lines, published.Basis);
    }
}

using System.Text.RegularExpressions;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// An officer of a department that is not among the seeds fills in tables in Chromium, as a person
/// does: codes outside the seeds' catalog, 添加 then 保存, Enter in an amount box, the back button,
/// a second save, a phone-width screen.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class TableFormsBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Department = "某县商务局（表格测试）";
    private static int _id;

    public async Task InitializeAsync() =>
        _id = await portal.EmptyDraftAsync("tbl-sw", Department, 2026, "tbl-officer",
            () => portal.CreateUserAsync("tbl-reviewer", PortalRoles.Reviewer));

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private static ILocator Cell(IPage page, string row, string column) =>
        page.Locator($"tr[data-row='{row}'] input[name$='.Cells[{column}]']");

    private static ILocator NameOf(IPage page, string row) => page.Locator($"tr[data-row='{row}'] input[name$='.Name']");

    private async Task<Dictionary<string, decimal>> StoredAsync(TableKind kind, string column)
    {
        await using var db = portal.NewDbContext();
        var rows = await db.TableRows.Include(r => r.Cells)
            .Where(r => db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == _id && t.Kind == kind)).ToListAsync();
        return rows.ToDictionary(r => r.Code ?? r.Kind.ToString(), r => r.Amount(column));
    }

    [Fact]
    public async Task AnOfficerAddsCodesOutsideTheCatalogSavesWithEnterAndGoesBack()
    {
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "tbl-officer", WorkspaceFixture.Password);
        await page.GotoAsync($"/workspace/disclosures/{_id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "表3 部门支出总体情况表" }).ClickAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{_id}/tables/3");
        await WorkspaceBrowser.ShotAsync(page, "tables", "01-empty-table3");

        // Two 项 outside the seeds' catalog, typed at once; Enter in the box presses 添加, not 保存.
        await page.GetByLabel("科目编码或名称").FillAsync("2011350，2011399");
        await page.GetByLabel("科目编码或名称").PressAsync("Enter");
        await NameOf(page, "2011399").WaitForAsync();
        // The page answered the POST, but its address is the table's own: reload and back never resend the form.
        await page.WaitForURLAsync(url => url.EndsWith($"/tables/3", StringComparison.Ordinal));
        Assert.Contains("不在 2026 年的分类目录中", await page.Locator("fieldset.add-row").InnerTextAsync());
        var codes = await page.Locator("input[name$='].Code']").EvaluateAllAsync<string[]>("els => els.map(e => e.value).filter(v => v)");
        Assert.Equal(["201", "20113", "2011350", "2011399"], codes);
        await WorkspaceBrowser.ShotAsync(page, "tables", "02-rows-added");

        // The officer names the codes the catalog does not know, types the leaves, and presses Enter in an amount.
        foreach (var (code, name) in new[] { ("201", "一般公共服务支出"), ("20113", "商贸事务"), ("2011350", "事业运行"), ("2011399", "其他商贸事务支出") })
            if (await NameOf(page, code).InputValueAsync() == "") await NameOf(page, code).FillAsync(name);
        await Cell(page, "2011350", "total").FillAsync("80");
        await Cell(page, "2011350", "basic").FillAsync("80");
        await Cell(page, "2011399", "total").FillAsync("20");
        await Cell(page, "2011399", "project").FillAsync("20");
        await Cell(page, "2011399", "project").PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "表3已保存" }).WaitForAsync();
        Assert.Matches(new Regex($"/workspace/disclosures/{_id}/tables/3$"), page.Url);
        await WorkspaceBrowser.ShotAsync(page, "tables", "03-saved-with-enter");
        // Accepted, and reported at its row by the catalog check (a warning: it does not block).
        Assert.Contains(await page.Locator("tr[data-row='2011399'] .cell-finding.warning").AllInnerTextsAsync(), f => Regex.IsMatch(f, "201 13 99.*不在 20[0-9]{2} 年的功能分类目录中"));

        // Blank sums were filled from the leaves when saved.
        var total = await StoredAsync(TableKind.Expenditure, "total");
        Assert.Equal(100m, total["Total"]);
        Assert.Equal(100m, total["201"]);
        Assert.Equal(100m, total["20113"]);
        Assert.Equal(80m, (await StoredAsync(TableKind.Expenditure, "basic"))["20113"]);

        // A second save of a changed figure, and a refused amount that keeps what was typed.
        await Cell(page, "2011399", "total").FillAsync("105.875");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.Locator(".error", new() { HasText = "最多两位小数" }).WaitForAsync();
        Assert.Equal("105.875", await Cell(page, "2011399", "total").InputValueAsync());
        Assert.Equal(20m, (await StoredAsync(TableKind.Expenditure, "total"))["2011399"]);
        await Cell(page, "2011399", "total").FillAsync("99999999999999999");
        await Cell(page, "2011399", "total").PressAsync("Enter");
        await page.Locator(".error", new() { HasText = "超出上限" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(page, "tables", "04-refused-amounts");
        await Cell(page, "2011399", "total").FillAsync("20.00");
        await Cell(page, "2011399", "project").FillAsync("20.00");
        await Cell(page, "2011350", "total").FillAsync("70");
        await Cell(page, "2011350", "basic").FillAsync("70");
        // 款 and 类 keep the sums of the first save: the second save stores what is typed, and the checks say where they differ.
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "表3已保存" }).WaitForAsync();
        Assert.Equal(70m, (await StoredAsync(TableKind.Expenditure, "total"))["2011350"]);
        var finding = page.Locator("tr[data-row='20113'] .cell-finding.error").First;
        Assert.Contains("100.00", await finding.InnerTextAsync());
        await page.Locator("section.findings a").First.ClickAsync();
        await WorkspaceBrowser.ShotAsync(page, "tables", "05-finding-at-its-cell");
        await page.GetByRole(AriaRole.Button, new() { Name = "按明细汇总" }).ClickAsync();
        await page.WaitForFunctionAsync("document.querySelector(\"tr[data-row='20113'] input[name$='.Cells[total]']\").value === '90.00'");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并填写表4" }).ClickAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{_id}/tables/4");
        Assert.Equal(90m, (await StoredAsync(TableKind.Expenditure, "total"))["Total"]);

        // Back to 表3: the stored table, no question about resending a form.
        await page.GoBackAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{_id}/tables/3");
        Assert.Equal("70.00", await Cell(page, "2011350", "total").InputValueAsync());
        // The 款 agrees with its 项 now; what remains at its cell is that 表2 has no such row yet.
        Assert.DoesNotContain(await page.Locator("tr[data-row='20113'] .cell-finding.error").AllInnerTextsAsync(), f => f.Contains("100.00"));
        Assert.Contains(await page.Locator("tr[data-row='20113'] .cell-finding.error").AllInnerTextsAsync(), f => f.Contains("表2"));

        // Leaving with unsaved input asks first.
        await Cell(page, "2011350", "total").ClickAsync();
        await Cell(page, "2011350", "total").FillAsync("71");
        var asked = false;
        page.Dialog += async (_, dialog) => { asked = dialog.Type == "beforeunload"; await dialog.DismissAsync(); };
        await page.GetByRole(AriaRole.Link, new() { Name = "表5", Exact = true }).ClickAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.True(asked, "no warning before leaving unsaved input");
        Assert.Matches(new Regex($"/tables/3$"), page.Url);
    }

    [Fact]
    public async Task TheCodePickerOffersCatalogCodesAsTheOfficerTypesAndTheChosenOneIsAdded()
    {
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "tbl-officer", WorkspaceFixture.Password);
        await page.GotoAsync($"/workspace/disclosures/{_id}/tables/6");
        var box = page.GetByLabel("科目编码或名称");
        await box.PressSequentiallyAsync("办公", new() { Delay = 50 });
        var options = page.Locator($"datalist#{await box.GetAttributeAsync("list")} option");
        await options.First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var values = await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Contains("30201", values);   // 302 01 办公费, from the 经济分类 catalog of 表6
        Assert.All(values, v => Assert.Matches("^[0-9]{3,5}$", v));
        await WorkspaceBrowser.ShotAsync(page, "tables", "09-code-picker");
        // Choosing it puts the code into the box; Enter adds the row with its 类.
        await box.FillAsync("30201");
        await box.PressAsync("Enter");
        await page.Locator("tr[data-row='30201']").WaitForAsync();
        Assert.Equal("办公费", await page.Locator("tr[data-row='30201'] input[name$='.Name']").InputValueAsync());
        Assert.Equal(1, await page.Locator("tr[data-row='302']").CountAsync());
    }

    [Fact]
    public async Task AtPhoneWidthTheFormScrollsInsideItsBoxAndAReviewerOnlyReads()
    {
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "tbl-officer", WorkspaceFixture.Password, width: 390);
        await page.GotoAsync($"/workspace/disclosures/{_id}/tables/2");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        await WorkspaceBrowser.ShotAsync(page, "tables", "06-table2-phone");
        await page.GotoAsync($"/workspace/disclosures/{_id}/tables/1");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        await WorkspaceBrowser.ShotAsync(page, "tables", "07-table1-phone");

        var reviewer = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "tbl-reviewer", WorkspaceFixture.Password);
        await reviewer.GotoAsync($"/workspace/disclosures/{_id}/tables/3");
        Assert.Contains("只能查看", await reviewer.Locator("main").InnerTextAsync());
        Assert.Equal(0, await reviewer.Locator("main form button:visible").CountAsync());
        Assert.Equal(0, await reviewer.Locator("main table.entry input:not([type=hidden])").CountAsync());
        await WorkspaceBrowser.ShotAsync(reviewer, "tables", "08-reviewer-reads");
    }
}

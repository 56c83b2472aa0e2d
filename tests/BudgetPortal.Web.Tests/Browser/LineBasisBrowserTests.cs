using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Workspace;
using BudgetPortal.Web.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// The two ways between the budget's lines and its tables, clicked in Chromium at a desktop and a phone
/// width: a line-based draft 改为按表格编制… → its confirmation → 确认改为按表格编制 (the lines gone, the
/// tables kept and editable), then 改为按预算明细编制 on the lines page (the tables split back into lines).
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class LineBasisBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Journey = "line-basis";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private async Task<(BudgetBasis Basis, List<decimal> Lines, decimal Table3Total)> StoredAsync(int id)
    {
        await using var db = portal.NewDbContext();
        var d = await db.Disclosures.AsNoTracking().Include(x => x.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells).SingleAsync(x => x.Id == id);
        var lines = await db.BudgetLines.Where(l => l.DisclosureId == id).OrderBy(l => l.Ordinal).Select(l => l.Amount).ToListAsync();
        return (d.Basis, lines, d.Table(TableKind.Expenditure).TotalOf("total"));
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task AnOfficerTurnsLinesIntoTablesAndTheTablesBackIntoLinesByTheConfirmationButtons(int width)
    {
        var officer = $"basis-officer-{width}";
        var id = await LineFormTests.LineDraftAsync(portal, $"line-basis-{width}", $"编制方式切换测试单位{width}", 2026, officer);
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, officer, WorkspaceFixture.Password, width);

        // A line-based draft with three lines, saved.
        await page.GotoAsync($"/workspace/disclosures/{id}/lines");
        await LineJourneyBrowserTests.AddLineAsync(page, 1, "2013150", "30101", "人员经费", "一般公共预算拨款", "60");
        await LineJourneyBrowserTests.AddLineAsync(page, 2, "2013150", "30201", "公用经费", "一般公共预算拨款", "20");
        await LineJourneyBrowserTests.AddLineAsync(page, 3, "2013150", "30227", "项目支出", "一般公共预算拨款", "20", "招商服务经费", "王五");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "预算明细已保存（3 行）" }).WaitForAsync();

        // 改为按表格编制…: first a confirmation saying what is lost; 取消 changes nothing.
        await page.GetByRole(AriaRole.Link, new() { Name = "改为按表格编制…" }).ClickAsync();
        var confirmation = page.Locator(".confirm-keep-tables");
        await Assertions.Expect(confirmation).ToContainTextAsync("3 行预算明细将被删除");
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        await WorkspaceBrowser.ShotAsync(page, Journey, "01-confirm-keep-tables");
        await confirmation.GetByRole(AriaRole.Link, new() { Name = "取消" }).ClickAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}/lines");
        var kept = await StoredAsync(id);
        Assert.Equal((BudgetBasis.Lines, 100m), (kept.Basis, kept.Table3Total));
        Assert.Equal([60m, 20m, 20m], kept.Lines);

        await page.GetByRole(AriaRole.Link, new() { Name = "改为按表格编制…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认改为按表格编制" }).ClickAsync();
        await page.WaitForURLAsync($"**/workspace/disclosures/{id}");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已改为按表格编制" }).WaitForAsync();
        await WorkspaceBrowser.ShotAsync(page, Journey, "02-tables");
        var tables = await StoredAsync(id);
        Assert.Equal((BudgetBasis.Tables, 0, 100m), (tables.Basis, tables.Lines.Count, tables.Table3Total));
        // The table forms are editable again.
        await page.GotoAsync($"/workspace/disclosures/{id}/tables/3");
        Assert.Equal(0, await page.Locator(".line-based").CountAsync());
        Assert.True(await page.Locator("input[name$='.Cells[total]']").CountAsync() > 0);

        // And back: 改为按预算明细编制 on the lines page splits the tables into lines that give the same tables.
        await page.GotoAsync($"/workspace/disclosures/{id}/lines");
        await page.GetByRole(AriaRole.Button, new() { Name = "改为按预算明细编制" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已改为按预算明细编制" }).WaitForAsync();
        await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        await WorkspaceBrowser.ShotAsync(page, Journey, "03-split-into-lines");
        var split = await StoredAsync(id);
        Assert.Equal((BudgetBasis.Lines, 100m, 100m), (split.Basis, split.Lines.Sum(), split.Table3Total));
    }
}

using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Workspace;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>The administrator loads the year's 功能分类 catalog from the ministry's file; a reader finds a code in it.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class ClassificationBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Journey = "classification";
    private const string Admin = "catalog-browser-admin";

    [Fact]
    public async Task TheAdministratorLoadsTheCatalogFileAndAReaderFiltersTheYearsCatalog()
    {
        await using (var db = portal.NewDbContext())
            if (!await db.Users.AnyAsync(u => u.UserName == Admin)) await portal.CreateUserAsync(Admin, PortalRoles.Administrator);
        var file = Path.Combine(Path.GetTempPath(), $"2026年支出功能分类科目-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, CatalogFiles.Functional2026Csv());
        try
        {
            var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, Admin, WorkspaceFixture.Password);
            await page.GotoAsync("/workspace");
            await page.GetByRole(AriaRole.Link, new() { Name = "分类科目目录" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/classification");

            // Choose the year and the scheme, pick the file, upload: the preview shows what changes.
            await UploadAsync(page, file);
            var previous = page.Locator("#against-previous");
            await previous.GetByText("与 2025 年目录相比：新增 2 个科目").WaitForAsync();
            Assert.Equal("201 13 50", (await previous.Locator("tr[data-code='2011350'] td.code").InnerTextAsync()).Trim());
            Assert.Equal("事业运行", (await previous.Locator("tr[data-code='2011350'] td").Nth(1).InnerTextAsync()).Trim());
            var axe = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
            foreach (var width in new[] { 1366, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                await WorkspaceBrowser.ShotAsync(page, Journey, "01-preview");
                await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"已导入 2026 年功能分类目录，共 {CatalogFiles.Functional2026.Count} 个科目" }).WaitForAsync();
            await WorkspaceBrowser.ShotAsync(page, Journey, "02-loaded");

            // The same file a second time: nothing would change, and 放弃 leaves the catalog as it is.
            await UploadAsync(page, file);
            await page.Locator("#against-current").GetByText($"与 2026 年现有目录（{CatalogFiles.Functional2026.Count} 个科目，将被替换）相比：无变化").WaitForAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "放弃" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/classification");
            Assert.Equal(0, await page.Locator(".catalog-preview").CountAsync());

            // A reader, not signed in, on a desktop and on a phone.
            foreach (var width in new[] { 1366, 390 })
            {
                var reader = await browser.NewPageAsync(portal.BaseAddress, width);
                await reader.GotoAsync("/");
                await reader.GetByRole(AriaRole.Link, new() { Name = "功能分类和经济分类目录" }).ClickAsync();
                await reader.GetByRole(AriaRole.Link, new() { Name = "2026 年", Exact = true }).ClickAsync();
                await reader.WaitForURLAsync("**/classification/2026");
                await reader.Locator("#functional-change").GetByText("与 2025 年相比：新增 2 个科目").WaitForAsync();
                await reader.GetByLabel("按编码或名称筛选").FillAsync("事业运行");
                await reader.GetByLabel("按编码或名称筛选").PressAsync("Enter");
                await reader.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
                var row = reader.Locator("#functional .catalog-tree tr[data-code='2011350']");
                Assert.Equal("201 13 50", (await row.Locator("td.code").InnerTextAsync()).Trim());
                Assert.Equal("事业运行", (await row.Locator("mark").InnerTextAsync()).Trim());
                // Its 款 stands above it; codes named otherwise do not.
                Assert.Equal(1, await reader.Locator("#functional .catalog-tree tr[data-code='20113']").CountAsync());
                Assert.Equal(0, await reader.Locator("#functional .catalog-tree tr[data-code='2010301']").CountAsync());
                await WorkspaceBrowser.ShotAsync(reader, Journey, "03-reader-filtered");
                await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(reader);
                await reader.GoBackAsync();
                await reader.WaitForURLAsync("**/classification/2026");
                Assert.Equal(1, await reader.Locator("#functional .catalog-tree tr[data-code='2010301']").CountAsync());
                await reader.Context.CloseAsync();
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task UploadAsync(IPage page, string file)
    {
        var form = page.Locator("form.catalog-upload");
        await form.GetByLabel("年度").FillAsync("2026");
        await form.GetByLabel("分类").SelectOptionAsync(new SelectOptionValue { Label = "功能分类（支出功能分类科目）" });
        await form.GetByLabel("目录文件").SetInputFilesAsync(file);
        await form.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        await page.Locator(".catalog-preview").WaitForAsync();
    }

    [Fact]
    public async Task TheCodePickerOffersCodesAsTheOfficerTypesAndDegradesToAPlainInput()
    {
        // The picker on a page of its own making: the script, the real endpoint, a person typing.
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync("/classification/2025");
        await page.EvaluateAsync(@"() => {
            const label = document.createElement('label'); label.htmlFor = 'picker'; label.textContent = '填报科目编码';
            const input = document.createElement('input'); input.id = 'picker'; input.name = 'code';
            input.setAttribute('data-code-picker', 'functional'); input.setAttribute('data-year', '2025');
            document.querySelector('main').prepend(label, input);
        }");
        // Without the script it is a plain text box.
        Assert.Null(await page.Locator("#picker").GetAttributeAsync("list"));
        await page.AddScriptTagAsync(new() { Url = "/js/code-picker.js" });
        Assert.Equal("picker-options", await page.Locator("#picker").GetAttributeAsync("list"));

        await page.GetByLabel("填报科目编码", new() { Exact = true }).PressSequentiallyAsync("事业运", new() { Delay = 40 });
        var option = page.Locator("#picker-options option[value='2013150']");
        await option.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("201 31 50 事业运行", await option.GetAttributeAsync("label"));
        Assert.True(await page.Locator("#picker-options option").CountAsync() <= 20);

        await page.GetByLabel("填报科目编码", new() { Exact = true }).FillAsync("2019999");
        var outside = page.Locator("#picker-options option[value='2019999']");
        await outside.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains("目录外编码", await outside.GetAttributeAsync("label"));
        await page.Context.CloseAsync();
    }
}

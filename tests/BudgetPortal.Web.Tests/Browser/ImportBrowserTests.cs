using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// A partial draft from an import, in Chromium (issue 13): a reviewer imports a disclosure whose
/// 表10 cannot be read; the import stores everything else as a draft and lists 表10 with its source
/// lines; the department's officer opens the draft, sees 表10 listed as 待填写, completes it in the
/// table form, sees it 已填写, and submits the draft.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class ImportBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Department = "某县经济协作服务中心（导入测试）";
    private const string Code = "imp-partial";

    private static string PartialText()
    {
        var seed = File.ReadAllText(Directory.GetFiles(Path.Combine(Repo.Seeds, "disclosures"), "000_*.txt").Single());
        const string row = "公务用车运行费 2.50 2.50";
        Assert.Contains(row, seed);
        // A 三公 line that is none of 表10's rows: the table cannot be read, everything else can.
        return seed.Replace("昌吉回族自治州经济协作服务中心", Department).Replace(row, "公务用车运维费用 2.50 2.50");
    }

    [Fact]
    public async Task AnOfficerCompletesThePartAnImportLeftAndSubmits()
    {
        await portal.CreateUserAsync("imp-reviewer", PortalRoles.Reviewer);
        var file = Path.Combine(Path.GetTempPath(), $"partial-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, PartialText());
        try
        {
            var reviewer = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "imp-reviewer", WorkspaceFixture.Password);
            await reviewer.GotoAsync("/workspace/import");
            await reviewer.Locator("#document").SetInputFilesAsync(file);
            await reviewer.GetByLabel("部门代码", new() { Exact = false }).FillAsync(Code);
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
            var done = reviewer.GetByRole(AriaRole.Status).Filter(new() { HasText = "已导入为草稿（部分读出）" });
            await done.WaitForAsync();
            Assert.Contains("imp-partial 2025 年第 1 版", await done.InnerTextAsync());
            Assert.Equal(["表10"], await reviewer.Locator("section.import-gaps li").AllInnerTextsAsync());
            // The report shows the lines 表10 stood on.
            Assert.Contains("公务用车运维费用", await reviewer.Locator("section.import-report").InnerTextAsync());
            await WorkspaceBrowser.ShotAsync(reviewer, "import", "01-partial-draft");
            var draftHref = await reviewer.GetByRole(AriaRole.Link, new() { Name = "打开草稿核对" }).GetAttributeAsync("href");
            Assert.NotNull(draftHref);

            await portal.CreateUserAsync("imp-officer", PortalRoles.Officer, Code);
            var officer = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "imp-officer", WorkspaceFixture.Password);
            await officer.GotoAsync(draftHref!);
            var gaps = officer.Locator("section.import-gaps");
            Assert.Matches("表10（原文第 \\d+(–\\d+)? 行）：待填写", await gaps.InnerTextAsync());
            // 提交审核 is held back while 表10 is empty: its figures are missing from the checks.
            await WorkspaceBrowser.ShotAsync(officer, "import", "02-draft-lists-the-gap");

            await gaps.GetByRole(AriaRole.Link, new() { Name = "表10" }).ClickAsync();
            await officer.WaitForURLAsync($"**{draftHref}/tables/10");
            foreach (var row in new[] { "total", "vehicles", "vehicleOperation" })
            {
                await officer.Locator($"tr[data-row='{row}'] input[name$='.Cells[total]']").FillAsync("2.50");
                await officer.Locator($"tr[data-row='{row}'] input[name$='.Cells[generalBudget]']").FillAsync("2.50");
            }
            await officer.GetByRole(AriaRole.Button, new() { Name = "保存" }).First.ClickAsync();
            await officer.GetByRole(AriaRole.Status).Filter(new() { HasText = "表10已保存" }).WaitForAsync();

            await officer.GotoAsync(draftHref!);
            Assert.Matches("表10（原文第 \\d+(–\\d+)? 行）：已填写", await officer.Locator("section.import-gaps").InnerTextAsync());
            await officer.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
            await officer.GetByRole(AriaRole.Status).Filter(new() { HasText = "已提交审核" }).WaitForAsync();
            await WorkspaceBrowser.ShotAsync(officer, "import", "03-completed-and-submitted");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

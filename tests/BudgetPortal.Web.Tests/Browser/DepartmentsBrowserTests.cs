using System.Text;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>The administrator brings a department that is not among the seeds in, with its units, and gives it an officer.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class DepartmentsBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Journey = "departments";

    [Fact]
    public async Task TheAdministratorCreatesADepartmentUploadsItsUnitsAndGivesItAnOfficer()
    {
        // An administrator of its own, with a one-time password like the first "admin" (whose password another
        // test of this collection changes, in an order xunit does not promise).
        await portal.CreateUserAsync("dept-browser-admin", PortalRoles.Administrator);
        await using (var accounts = portal.NewDbContext())
        {
            var admin = await accounts.Users.SingleAsync(u => u.UserName == "dept-browser-admin");
            admin.MustChangePassword = true;
            await accounts.SaveChangesAsync();
        }
        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "dept-browser-admin", WorkspaceFixture.Password);
        await page.WaitForURLAsync("**/account/change-password");
        const string own = "Eigenes-Kennwort#2026";
        await page.GetByLabel("当前密码").FillAsync(WorkspaceFixture.Password);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(own);
        await page.GetByLabel("确认新密码").FillAsync(own);
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/change-password", StringComparison.Ordinal));

        await page.GotoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new() { Name = "部门管理" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/departments");

        // One department, typed in; Enter in the name field saves.
        var form = page.Locator("form.dept-form");
        await form.GetByLabel("代码").FillAsync("swj");
        await form.GetByLabel("全称").FillAsync("某某县商务局");
        await form.GetByLabel("主管部门").SelectOptionAsync(new SelectOptionValue { Label = "无（本身是主管部门或独立单位）" });
        await form.GetByLabel("单位类型").SelectOptionAsync(new SelectOptionValue { Label = "行政单位" });
        await form.GetByLabel("地区").FillAsync("新疆维吾尔自治区昌吉回族自治州");
        await form.GetByLabel("全称").PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已新建部门“某某县商务局”（swj）" }).WaitForAsync();
        Assert.Equal("行政单位", (await page.Locator("tr#d-swj td").Nth(4).InnerTextAsync()).Trim());
        await WorkspaceBrowser.ShotAsync(page, Journey, "01-created");

        // Saving the same code a second time is refused on the field, and what was typed stays.
        await form.GetByLabel("代码").FillAsync("swj");
        await form.GetByLabel("全称").FillAsync("另一个商务局");
        await form.GetByLabel("单位类型").SelectOptionAsync(new SelectOptionValue { Label = "事业单位" });
        await form.GetByLabel("代码").PressAsync("Enter");
        await page.Locator(".error", new() { HasText = "部门代码“swj”已被其他部门使用" }).WaitForAsync();
        Assert.Equal("另一个商务局", await form.GetByLabel("全称").InputValueAsync());

        // Three units under it, from a CSV.
        var csv = Path.Combine(Path.GetTempPath(), $"units-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv,
            "代码,全称,简称,主管部门代码,地区,单位类型\n" +
            "swj-zx,某某县商务局电子商务服务中心,电商中心,swj,新疆维吾尔自治区昌吉回族自治州,事业单位\n" +
            "swj-zf,某某县商务综合行政执法大队,执法大队,swj,,参公事业单位\n" +
            "swj-cx,某某县商务局会展促进中心,,swj,,事业单位\n", new UTF8Encoding(true));
        await page.GetByLabel("部门清单（.csv 或 .xlsx）").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并新建" }).ClickAsync();
        File.Delete(csv);
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "新建 3 个部门" }).WaitForAsync();

        // Grouped: the 主管部门, then its three units, each naming it.
        await page.GetByLabel("查找部门（名称、简称或代码）").FillAsync("swj");
        await page.GetByLabel("查找部门（名称、简称或代码）").PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/departments?q=swj");
        var rows = page.Locator("table.dept-list tbody tr");
        Assert.Equal(["d-swj", "d-swj-cx", "d-swj-zf", "d-swj-zx"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)"));
        Assert.Equal(3, await page.Locator("table.dept-list tr.dept-unit", new() { HasText = "某某县商务局（swj）" }).CountAsync());
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await WorkspaceBrowser.ShotAsync(page, Journey, "02-units");
            await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        }
        await page.SetViewportSizeAsync(1366, 900);

        // Opening a unit shows its 主管部门; the back button returns to the list as it was.
        await page.GetByRole(AriaRole.Link, new() { Name = "修改 某某县商务综合行政执法大队" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/departments?edit=swj-zf*");
        Assert.Equal("swj", await form.GetByLabel("主管部门").InputValueAsync());
        Assert.Equal("CivilServiceInstitution", await form.GetByLabel("单位类型").InputValueAsync());
        await page.GoBackAsync();
        await page.WaitForURLAsync("**/admin/departments?q=swj");
        Assert.Equal(4, await page.Locator("table.dept-list tbody tr").CountAsync());

        // An officer for the new department in 用户与权限.
        await page.GetByRole(AriaRole.Link, new() { Name = "用户与权限" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/users");
        await page.GetByLabel("用户名").FillAsync("swj-officer");
        await page.GetByLabel("姓名").FillAsync("商务局填报员");
        await page.GetByLabel("角色").SelectOptionAsync(PortalRoles.Officer);
        await page.GetByLabel("某某县商务局", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "swj-officer 的一次性密码" }).WaitForAsync();
        Assert.Contains("某某县商务局", await page.Locator("tr", new() { HasText = "swj-officer" }).InnerTextAsync());
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await WorkspaceBrowser.ShotAsync(page, Journey, "03-officer");
            await WorkspaceBrowser.AssertNoHorizontalOverflowAsync(page);
        }

        await using var db = portal.NewDbContext();
        var officer = await db.Users.SingleAsync(u => u.UserName == "swj-officer");
        Assert.Equal(["swj"], await db.UserDepartments.Where(d => d.UserId == officer.Id).Select(d => d.Department.Code).ToListAsync());
        // Nothing of it is public until it publishes.
        using var publicPage = await portal.Http.GetAsync("/departments/swj");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, publicPage.StatusCode);
    }
}

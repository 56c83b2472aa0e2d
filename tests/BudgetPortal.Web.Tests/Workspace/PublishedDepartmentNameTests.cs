using System.Net;
using AngleSharp.Dom;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Web.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// 部门管理 and a published department's name (docs/decisions/0010): renamed freely while its published
/// versions carry their own 落款单位; refused on its field, in Chinese, when one shows the department's name.
/// </summary>
public sealed class PublishedDepartmentNameTests(WorkspaceFixture portal) : IClassFixture<WorkspaceFixture>
{
    private static string Errors(IDocument page) =>
        string.Join("\n", page.QuerySelectorAll(".errors, .error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    [Fact]
    public async Task ADepartmentWhosePublishedVersionShowsItsNameKeepsIt()
    {
        await using (var db = portal.NewDbContext())
        {
            var id = await DraftBesidePublishedDatabase.DraftAsync(db, "name-kept", "名称冻结测试单位", signOffName: "");
            var published = await db.Disclosures.SingleAsync(d => d.Id == id);
            published.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(published));
            await db.SaveChangesAsync();
        }
        await portal.CreateUserAsync("name-admin", PortalRoles.Administrator);
        using var admin = await portal.LoginAsync("name-admin");

        var edit = await admin.PageAsync("/admin/departments?edit=name-kept");
        using (var refused = await admin.PostAsync(FormSession.Form(edit, "保存"), new() { ["Input.Name"] = "名称冻结测试单位（改）", ["Input.UnitType"] = "Institution" }, "保存"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("名称不能再修改", Errors(await FormSession.ReadAsync(refused)));
        }

        // 昌吉回族自治州经济协作服务中心's published version is signed with its own name: a renaming is fine.
        edit = await admin.PageAsync("/admin/departments?edit=jjxz");
        using (var renamed = await admin.PostAsync(FormSession.Form(edit, "保存"),
                   new() { ["Input.Name"] = "昌吉州经济协作服务中心（更名后）", ["Input.UnitType"] = "Institution" }, "保存"))
            Assert.True(renamed.StatusCode == HttpStatusCode.Redirect, Errors(await FormSession.ReadAsync(renamed)));

        await using var after = portal.NewDbContext();
        Assert.Equal("名称冻结测试单位", await after.Departments.Where(d => d.Code == "name-kept").Select(d => d.Name).SingleAsync());
        Assert.Equal("昌吉州经济协作服务中心（更名后）", await after.Departments.Where(d => d.Code == "jjxz").Select(d => d.Name).SingleAsync());
    }
}

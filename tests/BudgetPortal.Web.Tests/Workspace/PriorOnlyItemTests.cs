using BudgetPortal.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>五(三) lists the union of this year's and last year's 项: a 项 budgeted only last year can be added by hand.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class PriorOnlyItemTests(WorkspaceFixture portal)
{
    [Fact]
    public async Task AnItemBudgetedOnlyLastYearIsAddedAndPrintedAsFallingToZero()
    {
        const string name = "上年项目测试单位";
        var id = await portal.EmptyDraftAsync("prior-item-dept", name, 2025, "prior-item-officer");
        using var officer = await portal.LoginAsync("prior-item-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{id}/notes/5.3");

        var unknownResponse = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.AddItem"] = "9999999" }, "添加此项");
        var unknown = await FormSession.ReadAsync(unknownResponse);
        Assert.True(unknown.QuerySelector(".add-item .error") is not null,
            $"{(int)unknownResponse.StatusCode} {unknownResponse.RequestMessage!.RequestUri} {unknown.QuerySelector("main")?.TextContent[..Math.Min(600, unknown.QuerySelector("main")?.TextContent.Length ?? 0)]}");
        Assert.Contains("不在 2024 年的功能分类科目中", unknown.QuerySelector(".add-item .error")!.TextContent);

        var added = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"),
            new() { ["Input.AddItem"] = "201 31 01" }, "添加此项"));
        var row = added.QuerySelector("tr[data-line='2013101']")!;
        Assert.Contains("一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）", row.TextContent);

        var prior = row.QuerySelector("input[name$='.Prior']")!.GetAttribute("name")!;
        var reason = row.QuerySelector("textarea[name$='.Fields[reason]']")!.GetAttribute("name")!;
        var saved = await officer.PostAsync(FormSession.Form(added, "保存"), new() { [prior] = "5.00", [reason] = "该项目已于上年完成" }, "保存");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        await using var db = portal.NewDbContext();
        var note = await db.NoteSections.Include(n => n.Lines).SingleAsync(n => n.DisclosureId == id && n.Key == "5.3");
        var text = string.Join("", note.Paragraphs);
        Assert.Contains("行政运行（项）：2025 年预算数为 0.00 万元，比上年预算减少 5.00 万元，下降 100.00%，主要原因是该项目已于上年完成。", text);
        var line = Assert.Single(note.Lines, l => l.Key == "2013101");
        Assert.Equal((0m, -5.00m), (line.Amount ?? 0m, line.Change ?? 0m));
    }
}

[Collection(WorkspaceCollection.Name)]
public sealed class ReadOnlyPageTests(WorkspaceFixture portal)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/departments/jjxz/2025")]
    [InlineData("/compare/2025")]
    public async Task APostWithAValidTokenToAReadOnlyPageIs405(string path)
    {
        await portal.CreateUserAsync($"post-{path.Length}", PortalRoles.Reviewer);
        using var session = await portal.LoginAsync($"post-{path.Length}");
        var workspace = await session.PageAsync("/workspace/import");
        var token = workspace.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await session.Http.PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}

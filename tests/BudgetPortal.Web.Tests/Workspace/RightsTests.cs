using System.Net;
using BudgetPortal.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>Every workspace and administration page, for every role: 200, 403, 404, or the login page.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class RightsTests(WorkspaceFixture portal) : IAsyncLifetime
{
    private static int _draftId;

    public async Task InitializeAsync() =>
        _draftId = await portal.EmptyDraftAsync("rights-a", "权限测试甲单位", 2026, "rights-officer", async () =>
        {
            await portal.CreateDepartmentAsync("rights-b", "权限测试乙单位");
            await portal.CreateUserAsync("rights-admin", PortalRoles.Administrator);
            await portal.CreateUserAsync("rights-reviewer", PortalRoles.Reviewer);
            await portal.CreateUserAsync("rights-stranger", PortalRoles.Officer, "rights-b");
        });

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, int> Matrix()
    {
        // {id} is the draft of 权限测试甲单位; the officer of 乙 must not learn that it exists (404).
        // Reviewers read every part of what they review (read-only); only the upload is refused.
        var pages = new (string Path, int Admin, int Reviewer, int Officer, int Stranger)[]
        {
            ("/workspace", 200, 200, 200, 200),
            ("/workspace/new", 200, 403, 200, 200),
            ("/workspace/disclosures/{id}", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}?handler=Workbook", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/tables/1", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/tables/7", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/tables/11", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/sign-off", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/overview", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/notes/2", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/notes/12.3", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/sheets/0", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/sheets/1", 200, 200, 200, 404),
            ("/workspace/disclosures/{id}/upload", 200, 403, 200, 404),
            ("/admin/users", 200, 403, 403, 403),
            ("/admin/audit", 200, 403, 403, 403),
        };
        var data = new TheoryData<string, string, int>();
        foreach (var p in pages)
        {
            data.Add(p.Path, "rights-admin", p.Admin);
            data.Add(p.Path, "rights-reviewer", p.Reviewer);
            data.Add(p.Path, "rights-officer", p.Officer);
            data.Add(p.Path, "rights-stranger", p.Stranger);
            data.Add(p.Path, "", 302);
        }
        data.Add("/workspace/disclosures/999999", "rights-admin", 404);
        data.Add("/workspace/disclosures/{id}/tables/12", "rights-officer", 404);
        data.Add("/workspace/disclosures/{id}/notes/13", "rights-officer", 404);
        data.Add("/workspace/disclosures/{id}/sheets/9", "rights-officer", 404);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PageAnswersAsTheRoleAllows(string path, string user, int expected)
    {
        using var session = user == "" ? portal.NewSession() : await portal.LoginAsync(user);
        using var response = await session.GetAsync(path.Replace("{id}", _draftId.ToString()));
        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 302) Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
        if (expected == 403) Assert.Contains("没有访问权限", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, int> Actions() => new()
    {
        // Officers cannot publish or return; reviewers cannot edit tables; strangers learn nothing.
        { "Publish", "rights-officer", 403 },
        { "Return", "rights-officer", 403 },
        // Correcting a published disclosure is the reviewers' right, not the officers'.
        { "Correct", "rights-officer", 403 },
        { "Submit", "rights-reviewer", 403 },
        { "Submit", "rights-stranger", 404 },
        { "Publish", "rights-stranger", 404 },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task WorkflowActionIsRefusedWithoutTheRight(string handler, string user, int expected)
    {
        // A real form token from a page the person may see, posted to the action they may not take.
        using var session = await portal.LoginAsync(user);
        var page = await session.PageAsync("/workspace");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await session.Http.PostAsync($"/workspace/disclosures/{_draftId}?handler={handler}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Comment"] = "x" }));
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("tables/3")]
    [InlineData("overview")]
    [InlineData("sheets/0")]
    [InlineData("sign-off")]
    public async Task ReviewerReadsAPartWithoutAnythingToChange(string part)
    {
        using var reviewer = await portal.LoginAsync("rights-reviewer");
        var page = await reviewer.PageAsync($"/workspace/disclosures/{_draftId}/{part}");
        Assert.Contains("只能查看", page.QuerySelector("main")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main form button"));
        Assert.All(page.QuerySelectorAll("main form input:not([type=hidden]), main form textarea"),
            field => Assert.True(field.HasAttribute("readonly") || field.HasAttribute("disabled"), field.OuterHtml));
        // The department's own officer gets the form to change.
        using var officer = await portal.LoginAsync("rights-officer");
        var own = await officer.PageAsync($"/workspace/disclosures/{_draftId}/{part}");
        Assert.Contains(own.QuerySelectorAll("main form button"), b => b.TextContent.Trim() == "保存");
    }

    [Fact]
    public async Task ReviewerCannotSaveATableEvenWithAFormFromAnotherPage()
    {
        using var reviewer = await portal.LoginAsync("rights-reviewer");
        var page = await reviewer.PageAsync("/workspace");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await reviewer.Http.PostAsync($"/workspace/disclosures/{_draftId}/tables/3",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("overview", "rights-reviewer", 403)]
    [InlineData("notes/2", "rights-reviewer", 403)]
    [InlineData("sheets/0", "rights-reviewer", 403)]
    [InlineData("sheets/1?handler=AddIndicator", "rights-reviewer", 403)]
    [InlineData("overview", "rights-stranger", 404)]
    [InlineData("notes/2", "rights-stranger", 404)]
    [InlineData("sheets/0", "rights-stranger", 404)]
    public async Task TextFormsRefuseSavesWithoutTheRight(string form, string user, int expected)
    {
        // The complete form as the department's own officer sees it, filled in so that a save would
        // store something, posted with the other person's token: only the right stands in the way.
        using var owner = await portal.LoginAsync("rights-officer");
        var path = form.Split('?')[0];
        var ownForm = FormSession.Form(await owner.PageAsync($"/workspace/disclosures/{_draftId}/{path}"));
        var fields = FormSession.Fields(ownForm).Where(f => f.Key != "__RequestVerificationToken").ToList();
        foreach (var (name, value) in new[] { ("Input.Functions", "（一）权限测试。"), ("Input.Goal", "权限测试目标。"), ("Input.Name", "权限测试") })
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        List<int> notesBefore;
        await using (var before = portal.NewDbContext())
            notesBefore = await before.NoteSections.Where(n => n.DisclosureId == _draftId).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync();
        using var session = await portal.LoginAsync(user);
        var page = await session.PageAsync("/workspace");
        fields.Add(new("__RequestVerificationToken", page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!));
        using var response = await session.Http.PostAsync($"/workspace/disclosures/{_draftId}/{form}", new FormUrlEncodedContent(fields));
        Assert.Equal(expected, (int)response.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Empty((await db.Disclosures.SingleAsync(d => d.Id == _draftId)).Overview.Functions);
        // A saved section is stored anew (new id); the drafted sections a new disclosure starts with stay as they were.
        Assert.Equal(notesBefore, await db.NoteSections.Where(n => n.DisclosureId == _draftId).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync());
        Assert.False(await db.PerformanceSheets.AnyAsync(s => s.DisclosureId == _draftId && s.Name == "权限测试"));
    }
}

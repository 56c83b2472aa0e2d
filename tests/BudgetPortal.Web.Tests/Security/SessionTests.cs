using AngleSharp.Dom;
using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// A session ends when the person's security stamp changes — at 退出 and at every change an
/// administrator makes — within the portal's validation interval, for every copy of the cookie.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class SessionTests(SecurityFixture portal)
{
    [Fact]
    public void TheStampIsCheckedWithinSecondsAsShipped()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(Repo.Root, "src", "BudgetPortal.Web", "appsettings.json")).Build();
        Assert.InRange(shipped.GetValue<int?>("Accounts:SecurityStampValidationSeconds") ?? int.MaxValue, 1, 10);
        // The tests below wait for the fixture's shorter interval.
        Assert.Equal(TimeSpan.FromSeconds(SecurityFixture.StampSeconds), portal.StampInterval);
    }

    [Fact]
    public async Task ADemotedReviewersOpenSessionCanNeitherCorrectNorPublish()
    {
        await portal.CreateUserAsync("sec-demoted", PortalRoles.Reviewer);
        await portal.CreateUserAsync("sec-demoting-admin", PortalRoles.Administrator);
        int publishedId, departmentId;
        await using (var db = portal.NewDbContext())
        {
            var published = await db.Disclosures.Where(d => d.Department.Code == "jjxz" && d.Status == DisclosureStatus.Published)
                .OrderByDescending(d => d.FiscalYear).ThenByDescending(d => d.Version).Select(d => new { d.Id, d.DepartmentId }).FirstAsync();
            (publishedId, departmentId) = (published.Id, published.DepartmentId);
        }
        using var reviewer = await portal.SignInAsync("sec-demoted");
        var page = await reviewer.PageAsync($"/workspace/disclosures/{publishedId}");
        var correct = page.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("main form")
            .Single(f => f.GetAttribute("action")!.Contains("handler=Correct", StringComparison.Ordinal));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        // While a reviewer, the session reaches the handler: an empty reason is asked for.
        using (var asked = await reviewer.PostAsync(correct, new() { ["Reason"] = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains("请填写更正原因", await asked.Content.ReadAsStringAsync());
        }

        // The administrator makes the reviewer an officer of one department, with the real form.
        using (var admin = await portal.SignInAsync("sec-demoting-admin"))
        {
            var id = await UserIdAsync("sec-demoted");
            var edit = await admin.PageAsync($"/admin/users?edit={id}");
            using var saved = await admin.PostAsync(FormSession.Form(edit, "保存"), new()
                { ["Input.Role"] = PortalRoles.Officer, ["Input.DepartmentIds"] = departmentId.ToString() }, "保存");
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Empty((await FormSession.ReadAsync(saved)).QuerySelectorAll(".errors li"));
        }
        var versionsBefore = await VersionsAsync(departmentId);
        await WaitForTheStampCheckAsync();

        // The old cookie, with the reviewer's role in it, is refused at both reviewer actions.
        using (var corrected = await reviewer.PostAsync(correct, new() { ["Reason"] = "不应被接受的更正" }))
            AssertSentToLogin(corrected);
        using (var published = await reviewer.Http.PostAsync($"/workspace/disclosures/{publishedId}?handler=Publish",
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ConfirmedVersion"] = "1" })))
            AssertSentToLogin(published);
        Assert.Equal(versionsBefore, await VersionsAsync(departmentId));
    }

    [Fact]
    public async Task ACookieCopiedBeforeLogoutIsRefusedAfterIt()
    {
        await portal.CreateUserAsync("sec-logout", PortalRoles.Reviewer);
        using var session = await portal.SignInAsync("sec-logout");
        var cookie = session.Cookies.GetCookieHeader(portal.BaseAddress);
        Assert.Contains("budgetportal.auth=", cookie);

        using var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = portal.BaseAddress };
        async Task<HttpResponseMessage> WithCopyAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/workspace");
            request.Headers.Add("Cookie", cookie);
            return await copy.SendAsync(request);
        }
        using (var before = await WithCopyAsync()) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var home = await session.PageAsync("/workspace");
        using (var logout = await session.PostAsync((AngleSharp.Html.Dom.IHtmlFormElement)home.QuerySelector("header form")!, []))
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        await WaitForTheStampCheckAsync();

        using (var after = await WithCopyAsync()) AssertSentToLogin(after);
    }

    [Fact]
    public async Task StoppingAnAccountEndsItsSessionAndItsLogins()
    {
        await portal.CreateUserAsync("sec-stopped", PortalRoles.Reviewer);
        await portal.CreateUserAsync("sec-stopping-admin", PortalRoles.Administrator);
        using var person = await portal.SignInAsync("sec-stopped");
        using (var admin = await portal.SignInAsync("sec-stopping-admin"))
        {
            var edit = await admin.PageAsync($"/admin/users?edit={await UserIdAsync("sec-stopped")}");
            using var saved = await admin.PostAsync(FormSession.Form(edit, "保存"), new() { ["Input.Disabled"] = "true" }, "保存");
            var list = await FormSession.ReadAsync(saved);
            Assert.Contains("已停用", list.QuerySelectorAll("table.list tr").Single(r => r.TextContent.Contains("sec-stopped")).TextContent);
        }
        await WaitForTheStampCheckAsync();
        using (var refused = await person.GetAsync("/workspace")) AssertSentToLogin(refused);

        // Signing in again, with the right password, gets the one answer every failure gets.
        using var again = portal.NewSessionFrom(SecurityFixture.NewClientAddress());
        using var login = await again.LoginAsync("sec-stopped", WorkspaceFixture.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(BudgetPortal.Web.Pages.Account.LoginModel.Failed, await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADepartmentChangeOrAPasswordResetEndsTheOpenSession()
    {
        await portal.CreateDepartmentAsync("sec-moved-to", "会话测试调入单位");
        await portal.CreateUserAsync("sec-moved", PortalRoles.Officer, "jjxz");
        await portal.CreateUserAsync("sec-reset", PortalRoles.Reviewer);
        await portal.CreateUserAsync("sec-changing-admin", PortalRoles.Administrator);
        using var moved = await portal.SignInAsync("sec-moved");
        using var reset = await portal.SignInAsync("sec-reset");
        int movedTo;
        await using (var db = portal.NewDbContext())
            movedTo = await db.Departments.Where(d => d.Code == "sec-moved-to").Select(d => d.Id).SingleAsync();
        using (var admin = await portal.SignInAsync("sec-changing-admin"))
        {
            var edit = await admin.PageAsync($"/admin/users?edit={await UserIdAsync("sec-moved")}");
            using (var saved = await admin.PostAsync(FormSession.Form(edit, "保存"), new() { ["Input.DepartmentIds"] = movedTo.ToString() }, "保存"))
                Assert.Empty((await FormSession.ReadAsync(saved)).QuerySelectorAll(".errors li"));
            edit = await admin.PageAsync($"/admin/users?edit={await UserIdAsync("sec-reset")}");
            using (var saved = await admin.PostAsync(FormSession.Form(edit, "保存"), new() { ["Input.ResetPassword"] = "true" }, "保存"))
                Assert.Contains("一次性密码", (await FormSession.ReadAsync(saved)).QuerySelector("main")!.TextContent);
        }
        await WaitForTheStampCheckAsync();
        using (var afterMove = await moved.GetAsync("/workspace")) AssertSentToLogin(afterMove);
        using (var afterReset = await reset.GetAsync("/workspace")) AssertSentToLogin(afterReset);
    }

    /// <summary>"Within seconds": the portal's interval (the fixture's), but never more than ten (a longer one fails here).</summary>
    private Task WaitForTheStampCheckAsync() =>
        Task.Delay(TimeSpan.FromTicks(Math.Min(portal.StampInterval.Ticks, TimeSpan.FromSeconds(10).Ticks)) + TimeSpan.FromSeconds(1));

    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = portal.NewDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> VersionsAsync(int departmentId)
    {
        await using var db = portal.NewDbContext();
        return await db.Disclosures.CountAsync(d => d.DepartmentId == departmentId);
    }
}

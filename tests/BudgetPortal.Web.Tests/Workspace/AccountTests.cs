using System.Net;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Tests.Workspace;

[Collection(WorkspaceCollection.Name)]
public sealed class AccountTests(WorkspaceFixture portal)
{
    [Fact]
    public async Task FirstAdministratorMustChangeTheOneTimePasswordBeforeAnythingElse()
    {
        using var admin = portal.NewSession();
        var login = await admin.LoginAsync("admin", WorkspaceFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        // Every page sends the administrator to change the password first.
        using var workspace = await admin.GetAsync("/workspace");
        Assert.Equal("/account/change-password", workspace.Headers.Location?.OriginalString);
        using var users = await admin.GetAsync("/admin/users");
        Assert.Equal("/account/change-password", users.Headers.Location?.OriginalString);

        var page = await admin.PageAsync("/account/change-password");
        Assert.Contains("一次性密码", page.Body!.TextContent);
        var weak = await FormSession.ReadAsync(await admin.PostAsync(FormSession.Form(page), new()
            { ["Input.CurrentPassword"] = WorkspaceFixture.AdminPassword, ["Input.NewPassword"] = "short", ["Input.ConfirmPassword"] = "short" }));
        Assert.Contains("密码至少 10 位", weak.Body!.TextContent);

        var changed = await admin.PostAsync(FormSession.Form(page), new()
            { ["Input.CurrentPassword"] = WorkspaceFixture.AdminPassword, ["Input.NewPassword"] = "Neues-Passwort#1", ["Input.ConfirmPassword"] = "Neues-Passwort#1" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var after = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        // The old one-time password no longer works.
        using var other = portal.NewSession();
        await AssertLoginRefusedAsync(other, "admin", WorkspaceFixture.AdminPassword, "用户名或密码错误");
    }

    /// <summary>A refused login answers with the form again (200), saying <paramref name="why"/>.</summary>
    private static async Task AssertLoginRefusedAsync(FormSession session, string userName, string password, string why)
    {
        var response = await session.LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(why, (await FormSession.ReadAsync(response)).Body!.TextContent);
    }

    [Fact]
    public async Task HeaderShowsLoginLinkOrTheUsersNameWorkspaceAndLogout()
    {
        using var anonymous = portal.NewSession();
        var home = await anonymous.PageAsync("/");
        Assert.Equal("/account/login", home.QuerySelector("header a.login-link")?.GetAttribute("href"));

        await portal.CreateUserAsync("header-reviewer", PortalRoles.Reviewer);
        using var reviewer = await portal.LoginAsync("header-reviewer");
        var page = await reviewer.PageAsync("/");
        Assert.Equal("测试header-reviewer", page.QuerySelector("header .user-name")?.TextContent);
        Assert.NotNull(page.QuerySelector("header a[href='/workspace']"));
        // 退出 is a form in the header (POST with the antiforgery token).
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("header form")!, [])).StatusCode);
        using var afterLogout = await reviewer.GetAsync("/workspace");
        Assert.Equal(HttpStatusCode.Redirect, afterLogout.StatusCode);
        Assert.StartsWith("/account/login", afterLogout.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AuthenticationCookieIsHttpOnlyAndSameSiteStrict()
    {
        await portal.CreateUserAsync("cookie-officer", PortalRoles.Officer, "jjxz");
        using var session = portal.NewSession();
        var response = await session.LoginAsync("cookie-officer", WorkspaceFixture.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("budgetportal.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        await using var db = portal.NewDbContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync(k => k.Xml!.Contains("<key ")), "DataProtection keys are kept in the database, for every node");
        // …encrypted with the configured certificate: a copy of the database does not let its reader forge this cookie.
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    [Fact]
    public async Task RepeatedFailedLoginsLockTheAccountEvenForTheRightPassword()
    {
        await portal.CreateUserAsync("lockout-officer", PortalRoles.Officer, "jjxz");
        using var session = portal.NewSession();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await session.LoginAsync("lockout-officer", "Wrong-Password#1")).StatusCode);
        await AssertLoginRefusedAsync(session, "lockout-officer", WorkspaceFixture.Password, "账户已暂时锁定");
    }

    [Fact]
    public async Task LoginWithoutAntiforgeryTokenIsRefused()
    {
        using var session = portal.NewSession();
        var response = await session.Http.PostAsync("/account/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = WorkspaceFixture.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AuditLogRecordsLoginsAndRefusesUpdateAndDelete()
    {
        await portal.CreateUserAsync("audit-officer", PortalRoles.Officer, "jjxz");
        using var _ = await portal.LoginAsync("audit-officer");
        await using var db = portal.NewDbContext();
        var entry = await db.AuditLog.Where(a => a.UserName == "audit-officer").OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(BudgetPortal.Domain.Audit.AuditAction.Login, entry.Action);
        // The portal's database role is not even granted UPDATE or DELETE (docs/decisions/0010)…
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET detail = 'x' WHERE id = {0}", entry.Id));
        Assert.Equal("42501", update.SqlState);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));
        Assert.Equal("42501", delete.SqlState);
        // …and the owner of the table, which is, meets the trigger.
        await using var owner = new BudgetDbContext(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(portal.Database.OwnerConnectionString).Options);
        update = await Assert.ThrowsAsync<PostgresException>(() =>
            owner.Database.ExecuteSqlRawAsync("UPDATE audit_log SET detail = 'x' WHERE id = {0}", entry.Id));
        Assert.Equal("BP002", update.SqlState);
        delete = await Assert.ThrowsAsync<PostgresException>(() => owner.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));
        Assert.Equal("BP002", delete.SqlState);
    }
}

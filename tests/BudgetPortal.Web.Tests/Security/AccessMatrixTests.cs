using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// The access matrix of the penetration test, replayed: every route of the portal (pages, API,
/// downloads, PDFs; reads and every form handler) for the five kinds of visitor — anonymous, the
/// department's officer, an officer of another department, a reviewer, the administrator — with
/// the answer each must get. A refused write must leave the draft exactly as it was.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class AccessMatrixTests(WorkspaceFixture portal) : IAsyncLifetime
{
    private const string Admin = "matrix-admin", Reviewer = "matrix-reviewer", Officer = "matrix-officer", Stranger = "matrix-stranger", Anonymous = "";
    private static int _draftId, _seedId;

    public async Task InitializeAsync()
    {
        _draftId = await portal.EmptyDraftAsync("matrix-a", "访问矩阵甲单位", 2026, Officer, async () =>
        {
            await portal.CreateDepartmentAsync("matrix-b", "访问矩阵乙单位");
            await portal.CreateUserAsync(Admin, PortalRoles.Administrator);
            await portal.CreateUserAsync(Reviewer, PortalRoles.Reviewer);
            await portal.CreateUserAsync(Stranger, PortalRoles.Officer, "matrix-b");
        });
        await using var db = portal.NewDbContext();
        _seedId = await db.Disclosures.Where(d => d.Department.Code == "jjxz" && d.FiscalYear == 2025).Select(d => d.Id).SingleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private const int Login = 302; // the login page, for anyone not signed in

    /// <summary>Every route that reads: path, then the status for admin, reviewer, officer, stranger, anonymous.</summary>
    private static readonly (string Path, int Admin, int Reviewer, int Officer, int Stranger, int Anonymous)[] Reads =
    [
        // The public side: the same for everyone, signed in or not.
        ("/", 200, 200, 200, 200, 200),
        ("/?q=经济&year=2025", 200, 200, 200, 200, 200),
        ("/departments/jjxz", 200, 200, 200, 200, 200),
        ("/departments/jjxz/2025", 200, 200, 200, 200, 200),
        ("/departments/jjxz/2025/checks", 200, 200, 200, 200, 200),
        ("/departments/jjxz/2025/versions", 200, 200, 200, 200, 200),
        ("/departments/jjxz/trend", 200, 200, 200, 200, 200),
        ("/compare/2025", 200, 200, 200, 200, 200),
        ("/compare/2025/tables?d=jjxz&d=zbjllc", 200, 200, 200, 200, 200),
        ("/classification", 200, 200, 200, 200, 200),
        ("/classification/2025", 200, 200, 200, 200, 200),
        ("/api", 200, 200, 200, 200, 200),
        ("/api/v1/openapi.json", 200, 200, 200, 200, 200),
        ("/api/v1/departments", 200, 200, 200, 200, 200),
        ("/api/v1/disclosures/jjxz/2025", 200, 200, 200, 200, 200),
        ("/api/v1/disclosures/jjxz/2025/checks", 200, 200, 200, 200, 200),
        ("/api/v1/classification/2025/functional?q=201", 200, 200, 200, 200, 200),
        ("/departments/jjxz/2025/tables/1.csv", 200, 200, 200, 200, 200),
        ("/departments/jjxz/2025.xlsx", 200, 200, 200, 200, 200),
        ("/downloads/2025.zip", 200, 200, 200, 200, 200),
        ("/departments/jjxz/2025.pdf", 200, 200, 200, 200, 200),
        ("/print/disclosures/{seed}", 200, 200, 200, 200, 200),
        ("/healthz", 200, 200, 200, 200, 200),
        ("/account/login", 200, 200, 200, 200, 200),
        // A draft is nobody's business outside the workspace: not public, not printable without a token.
        ("/departments/matrix-a", 404, 404, 404, 404, 404),
        ("/departments/matrix-a/2026", 404, 404, 404, 404, 404),
        ("/api/v1/disclosures/matrix-a/2026", 404, 404, 404, 404, 404),
        ("/departments/matrix-a/2026.pdf", 404, 404, 404, 404, 404),
        ("/departments/matrix-a/2026/tables/1.csv", 404, 404, 404, 404, 404),
        ("/print/disclosures/{id}", 404, 404, 404, 404, 404),
        ("/print/disclosures/{id}?draft=forged", 404, 404, 404, 404, 404),
        // The workspace: the department's officer and the finance bureau; the other officer learns nothing.
        ("/workspace", 200, 200, 200, 200, Login),
        ("/workspace/new", 200, 403, 200, 200, Login),
        ("/workspace/import", 200, 200, 403, 403, Login),
        ("/workspace/disclosures/{id}", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/tables/1", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/tables/7", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/tables/11", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/overview", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/notes/2", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/notes/12.3", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/sheets/0", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/sheets/1", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/sign-off", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/upload", 200, 403, 200, 404, Login),
        ("/workspace/disclosures/{id}/lines", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/lines?handler=Template", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/lines?handler=ConfirmKeepTables", 200, 403, 200, 404, Login),
        ("/workspace/disclosures/{id}/lines/upload", 200, 403, 200, 404, Login),
        ("/workspace/disclosures/{id}/preview", 200, 200, 200, 404, Login),
        ("/workspace/disclosures/{id}/preview.pdf", 200, 200, 200, 404, Login),
        // A seed's published version in the workspace: the finance bureau's, not another department's officers'.
        ("/workspace/disclosures/{seed}", 200, 200, 404, 404, Login),
        // Administration.
        ("/admin/users", 200, 403, 403, 403, Login),
        ("/admin/departments", 200, 403, 403, 403, Login),
        ("/admin/classification", 200, 403, 403, 403, Login),
        ("/admin/audit", 200, 403, 403, 403, Login),
        ("/account/change-password", 200, 200, 200, 200, Login),
    ];

    /// <summary>Every form handler: path, then the answer for a person without the right (0: they have it).</summary>
    private static readonly (string Path, int Admin, int Reviewer, int Officer, int Stranger, int Anonymous)[] Writes =
    [
        ("/workspace/new", 0, 403, 0, 0, Login),
        ("/workspace/import", 0, 0, 403, 403, Login),
        ("/workspace/disclosures/{id}?handler=Submit", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}?handler=Return", 0, 0, 403, 404, Login),
        ("/workspace/disclosures/{id}?handler=Publish", 0, 0, 403, 404, Login),
        ("/workspace/disclosures/{seed}?handler=Correct", 0, 0, 404, 404, Login),
        ("/workspace/disclosures/{id}/tables/3", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/tables/3?handler=AddRow", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/tables/3?handler=Fill", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/overview", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/notes/2", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/notes/2?handler=Next", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/notes/5.3?handler=AddItem", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/sheets/0", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/sheets/1?handler=AddIndicator", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/sign-off", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/upload", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/lines", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/lines?handler=AddLine", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/lines?handler=CopyPrevious", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/lines?handler=Split", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/lines?handler=KeepTables", 0, 403, 0, 404, Login),
        ("/workspace/disclosures/{id}/lines/upload", 0, 403, 0, 404, Login),
        ("/admin/users", 0, 403, 403, 403, Login),
        ("/admin/departments", 0, 403, 403, 403, Login),
        ("/admin/departments?handler=Upload", 0, 403, 403, 403, Login),
        ("/admin/classification", 0, 403, 403, 403, Login),
        ("/admin/classification?handler=Confirm", 0, 403, 403, 403, Login),
        ("/account/change-password", 0, 0, 0, 0, Login),
    ];

    public static TheoryData<string> People() => new() { Admin, Reviewer, Officer, Stranger, Anonymous };

    private static int Expected((string, int Admin, int Reviewer, int Officer, int Stranger, int Anonymous) route, string user) => user switch
    {
        Admin => route.Admin,
        Reviewer => route.Reviewer,
        Officer => route.Officer,
        Stranger => route.Stranger,
        _ => route.Anonymous,
    };

    private static string Path(string template) =>
        template.Replace("{id}", _draftId.ToString()).Replace("{seed}", _seedId.ToString());

    private async Task<FormSession> SessionAsync(string user) => user == Anonymous ? portal.NewSession() : await portal.LoginAsync(user);

    [Theory]
    [MemberData(nameof(People))]
    public async Task EveryRouteAnswersAsTheRoleAllows(string user)
    {
        using var session = await SessionAsync(user);
        var wrong = new List<string>();
        foreach (var route in Reads)
        {
            var path = Path(route.Path);
            using var response = await session.GetAsync(path);
            var expected = Expected(route, user);
            var status = (int)response.StatusCode;
            if (status != expected) wrong.Add($"GET {path}: {status}, expected {expected}");
            else if (status == Login && !response.Headers.Location!.OriginalString.Contains("/account/login"))
                wrong.Add($"GET {path}: redirected to {response.Headers.Location}, expected the login page");
            // What a signed-in person sees is kept by no cache (后退 after 退出 on a shared computer shows nothing).
            if (user != Anonymous && status == 200 && response.Headers.CacheControl?.NoStore != true)
                wrong.Add($"GET {path}: Cache-Control {response.Headers.CacheControl}, expected no-store for a signed-in person");
        }
        Assert.True(wrong.Count == 0, $"{(user == "" ? "anonymous" : user)}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task EveryFormHandlerRefusesWhoHasNoRightAndChangesNothing(string user)
    {
        using var session = await SessionAsync(user);
        // A valid form token of this very person (from a page they may see): only the right stands in the way.
        var token = await TokenAsync(session, user == Anonymous ? "/account/login" : "/workspace");
        var wrong = new List<string>();
        foreach (var route in Writes)
        {
            var expected = Expected(route, user);
            if (expected == 0) continue;
            var path = Path(route.Path);
            var before = await StateAsync();
            using var response = await session.Http.PostAsync(path, Form(token));
            var status = (int)response.StatusCode;
            if (status != expected) wrong.Add($"POST {path}: {status}, expected {expected}");
            if (expected == 403 && !(await response.Content.ReadAsStringAsync()).Contains("没有访问权限"))
                wrong.Add($"POST {path}: the 403 page does not say 没有访问权限");
            if (await StateAsync() != before) wrong.Add($"POST {path}: the database changed");
        }
        Assert.True(wrong.Count == 0, $"{(user == "" ? "anonymous" : user)}:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task EveryFormHandlerRefusesAPostWithoutItsFormToken()
    {
        // Cross-site request forgery: the cookie alone (what another site's form would send) is not enough,
        // nor a token issued to someone else. The administrator holds every right, so only the token is missing.
        using var admin = await portal.LoginAsync(Admin);
        using var other = await portal.LoginAsync(Reviewer);
        var othersToken = await TokenAsync(other, "/workspace");
        var wrong = new List<string>();
        foreach (var template in Writes.Select(w => w.Path).Append("/account/logout"))
        {
            var path = Path(template);
            var before = await StateAsync();
            using (var none = await admin.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Comment"] = "x" })))
                if (none.StatusCode != HttpStatusCode.BadRequest) wrong.Add($"POST {path} without a token: {(int)none.StatusCode}");
            using (var foreign = await admin.Http.PostAsync(path, Form(othersToken)))
                if (foreign.StatusCode != HttpStatusCode.BadRequest) wrong.Add($"POST {path} with another person's token: {(int)foreign.StatusCode}");
            if (await StateAsync() != before) wrong.Add($"POST {path}: the database changed");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // Still signed in: the refused logout did not sign the administrator out.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http:evil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task LoginNeverRedirectsOffThePortal(string returnUrl)
    {
        using var session = portal.NewSession();
        var page = await session.PageAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        using var response = await session.PostAsync(FormSession.Form(page),
            new() { ["Input.UserName"] = Officer, ["Input.Password"] = WorkspaceFixture.Password, ["ReturnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.False(location.IsAbsoluteUri, $"redirected to {location}");
        Assert.StartsWith("/", location.OriginalString);
        Assert.False(location.OriginalString.StartsWith("//") || location.OriginalString.StartsWith("/\\"), $"redirected to {location}");
    }

    [Fact]
    public async Task ALocalReturnAddressIsFollowedAfterLogin()
    {
        // The counterpart of the refusals above: the check is not "always /workspace".
        using var session = portal.NewSession();
        var page = await session.PageAsync("/account/login?ReturnUrl=%2Fadmin%2Faudit");
        using var response = await session.PostAsync(FormSession.Form(page),
            new() { ["Input.UserName"] = Admin, ["Input.Password"] = WorkspaceFixture.Password });
        Assert.Equal("/admin/audit", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/..%2fappsettings.json")]
    [InlineData("/css/..%2f..%2fappsettings.json")]
    [InlineData("/js/..%2f..%2f..%2fProgram.cs")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/appsettings.json")]
    [InlineData("/BudgetPortal.Web.dll")]
    [InlineData("/BudgetPortal.Web.deps.json")]
    [InlineData("/.data/admin-one-time-password")]
    [InlineData("/departments/..%2f..%2fappsettings.json")]
    [InlineData("/departments/jjxz/2025/tables/..%2f..%2f..%2fappsettings.json")]
    [InlineData("/departments/..%2f..%2fetc%2fpasswd/2025.pdf")]
    [InlineData("/departments/%2e%2e/2025/tables/1.csv")]
    [InlineData("/api/v1/disclosures/..%2f..%2fetc/2025")]
    [InlineData("/downloads/..%2f..%2fetc%2fpasswd")]
    public async Task PathTraversalFindsNothing(string path)
    {
        var body = await portal.AnswerAsync(path, HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("ConnectionStrings", body);
        Assert.DoesNotContain("root:x:0:0", body);
        Assert.DoesNotContain("WebApplication", body);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("'; DROP TABLE disclosures; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("jjxz' --")]
    public async Task SqlMetacharactersInASearchAreText(string text)
    {
        // The search matches the text literally: no hit (no department is called that), and no error.
        var page = await portal.GetPageAsync("/?q=" + Uri.EscapeDataString(text));
        Assert.NotNull(page.QuerySelector(".no-results"));
        await using var db = portal.NewDbContext();
        Assert.True(await db.Disclosures.CountAsync() >= 4);
    }

    [Theory]
    [InlineData("/?category=" + "201'%20OR%201%3D1--")]
    [InlineData("/?year=2025'")]
    [InlineData("/departments/jjxz'--")]
    [InlineData("/departments/jjxz'--/2025")]
    [InlineData("/departments/jjxz%27%3B%20DROP%20TABLE%20departments%3B--/2025/tables/1.csv")]
    [InlineData("/compare/2025/tables?d=jjxz'&d=zbjllc")]
    [InlineData("/api/v1/classification/2025/functional?q=201'%20OR%201%3D1--")]
    [InlineData("/api/v1/disclosures/jjxz'%20OR%20'1'%3D'1/2025")]
    public async Task SqlMetacharactersInAnAddressAreNeverAnError(string path)
    {
        // The quote does not widen anything: the department with the quoted code does not exist (404).
        HttpStatusCode[] statuses = path.StartsWith("/departments/jjxz'", StringComparison.Ordinal)
            ? [HttpStatusCode.NotFound] : [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.NotFound];
        var body = await portal.AnswerAsync(path, statuses);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain("syntax error", body);
    }

    [Fact]
    public async Task ALoginNameWithSqlMetacharactersIsJustAWrongName()
    {
        using var session = portal.NewSession();
        using var response = await session.LoginAsync("admin'--", "x' OR '1'='1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("budgetportal.auth", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
    }

    private static FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Comment"] = "访问矩阵",
        ["Input.UserName"] = "matrix-new",
        ["Input.Name"] = "访问矩阵",
    });

    private static async Task<string> TokenAsync(FormSession session, string page) =>
        (await session.PageAsync(page)).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    /// <summary>
    /// What a refused write could have touched, as row versions and counts: the draft and its parts,
    /// every disclosure, people, departments, catalogs and the audit trail (sign-ins aside).
    /// </summary>
    private async Task<string> StateAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(portal.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT concat_ws(' | ',
                (SELECT string_agg(id || ':' || xmin::text || status, ',' ORDER BY id) FROM disclosures),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM budget_tables WHERE disclosure_id = @draft),
                (SELECT count(*) FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = @draft),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM note_sections WHERE disclosure_id = @draft),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM performance_sheets WHERE disclosure_id = @draft),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM budget_lines WHERE disclosure_id = @draft),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM departments),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM asp_net_users),
                (SELECT count(*) FROM user_departments),
                (SELECT count(*) FROM classification_codes),
                (SELECT count(*) FROM audit_log WHERE action NOT IN ('Login', 'LoginFailed')))
            """, connection);
        command.Parameters.AddWithValue("draft", _draftId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

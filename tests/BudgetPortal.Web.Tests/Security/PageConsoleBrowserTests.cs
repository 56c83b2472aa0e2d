using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Browser;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// Every kind of page — public, workspace, administration — opened in Chromium under the portal's
/// Content-Security-Policy: no refusal, no console error, no script error. A page that needs an
/// inline script or style, or loads something that fails, shows here.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class PageConsoleBrowserTests(WorkspaceFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] PublicPages =
    [
        "/", "/?q=北京&year=2025", "/departments/jjxz", "/departments/jjxz/2025", "/departments/jjxz/2025/checks",
        "/departments/jjxz/2025/versions", "/departments/jjxz/trend", "/compare/2025",
        "/compare/2025/tables?d=jjxz&d=zbjllc&table=3", "/api", "/classification", "/classification/2025?q=事业运行",
        "/account/login",
    ];

    [Fact]
    public async Task PublicPagesRaiseNoConsoleErrorOrPolicyRefusal()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        var problems = await WatchAsync(page);
        foreach (var path in PublicPages) await OpenAsync(page, path, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task WorkspaceAndAdministrationPagesRaiseNoConsoleErrorOrPolicyRefusal()
    {
        var (draft, _) = await ReviewTests.SubmittedDraftAsync(portal, "csp-pages", submit: false);
        await portal.CreateUserAsync("csp-admin", PortalRoles.Administrator);
        int published;
        await using (var db = portal.NewDbContext())
            published = await db.Disclosures.Where(d => d.Department.Code == "jjxz" && d.Status == DisclosureStatus.Published)
                .OrderByDescending(d => d.FiscalYear).Select(d => d.Id).FirstAsync();

        var page = await WorkspaceBrowser.SignedInAsync(browser, portal.BaseAddress, "csp-admin", WorkspaceFixture.Password);
        var problems = await WatchAsync(page);
        string[] pages =
        [
            "/workspace", "/workspace/new", "/workspace/import", $"/workspace/disclosures/{published}",
            $"/workspace/disclosures/{draft}", $"/workspace/disclosures/{draft}?handler=ConfirmPublish",
            $"/workspace/disclosures/{draft}/overview", $"/workspace/disclosures/{draft}/tables/1",
            $"/workspace/disclosures/{draft}/tables/2", $"/workspace/disclosures/{draft}/tables/7",
            $"/workspace/disclosures/{draft}/notes/2", $"/workspace/disclosures/{draft}/sheets/0",
            $"/workspace/disclosures/{draft}/sheets/1", $"/workspace/disclosures/{draft}/sign-off",
            $"/workspace/disclosures/{draft}/upload", $"/workspace/disclosures/{draft}/preview",
            $"/workspace/disclosures/{draft}/lines", $"/workspace/disclosures/{draft}/lines/upload",
            "/account/change-password",
            "/admin/users", "/admin/departments", "/admin/classification", "/admin/audit",
        ];
        foreach (var path in pages) await OpenAsync(page, path, problems);
        // The table form's code picker runs as a person types.
        await page.GotoAsync($"/workspace/disclosures/{draft}/tables/2");
        await page.Locator("input[data-code-picker]").PressSequentiallyAsync("2010");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Console errors, uncaught script errors and CSP violations, each with the page it came from.</summary>
    private static async Task<List<string>> WatchAsync(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning" && IsProblem(message.Text)) problems.Add($"{page.Url}: console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"{page.Url}: script error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"{page.Url}: request failed: {request.Url} {request.Failure}");
        // CSP refusals also as the DOM reports them (a refusal need not reach the console).
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP refused ' + e.violatedDirective + ' ' + e.blockedURI));");
        return problems;
    }

    // Warnings count only when they are about the policy or a failure; Chromium's other advice does not.
    private static bool IsProblem(string text) => !text.StartsWith("[Deprecation]", StringComparison.Ordinal);

    private static async Task OpenAsync(IPage page, string path, List<string> problems)
    {
        var response = await page.GotoAsync(path);
        if (response is null || !response.Ok) problems.Add($"{path}: status {response?.Status}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}

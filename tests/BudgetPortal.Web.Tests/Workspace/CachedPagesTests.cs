using BudgetPortal.Data.Accounts;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>Public pages come from the output cache, but never a signed-in person's copy, and never to them.</summary>
public sealed class CachedPagesTests(WorkspaceFixture portal) : IClassFixture<WorkspaceFixture>
{
    [Fact]
    public async Task ASignedInPersonSeesTheirOwnHeaderAndTheAnonymousCopyStaysAnonymous()
    {
        await portal.CreateUserAsync("cache-reviewer", PortalRoles.Reviewer);
        using var anonymous = portal.NewSession();
        var before = await anonymous.PageAsync("/departments/jjxz/2025");
        Assert.NotNull(before.QuerySelector("a[href='/account/login']"));

        using var reviewer = portal.NewSession();
        await reviewer.LoginAsync("cache-reviewer", WorkspaceFixture.Password);
        var signedIn = await reviewer.PageAsync("/departments/jjxz/2025");
        Assert.Contains("测试cache-reviewer", signedIn.QuerySelector("header")!.TextContent);

        var after = await anonymous.PageAsync("/departments/jjxz/2025");
        Assert.DoesNotContain("测试cache-reviewer", after.Body!.TextContent);
        Assert.NotNull(after.QuerySelector("a[href='/account/login']"));
    }
}

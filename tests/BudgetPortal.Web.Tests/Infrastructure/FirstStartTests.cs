using System.Net;
using BudgetPortal.Web.Tests.Workspace;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>The first start's administrator password: in a file only its owner reads, never in the log.</summary>
[Collection(PortalCollection.Name)]
public sealed class FirstStartTests(PortalFixture portal)
{
    [Fact]
    public async Task TheGeneratedPasswordIsInAnOwnerOnlyFileAndNotInTheLog()
    {
        var password = (await File.ReadAllTextAsync(portal.AdminPasswordFile)).Trim();
        Assert.True(password.Length >= 16, password);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(portal.AdminPasswordFile));
        foreach (var log in Directory.GetFiles(portal.LogFolder, "*.log"))
        {
            await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = await new StreamReader(stream).ReadToEndAsync();
            Assert.DoesNotContain(password, text);
            Assert.Contains(portal.AdminPasswordFile, text);
        }
        // It is the administrator's: signing in with it asks for a new password first.
        using var session = new FormSession(portal.BaseAddress);
        using var response = await session.LoginAsync("admin", password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var next = await session.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/change-password", next.Headers.Location!.OriginalString);
    }
}

using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>What the log file holds and who may read it.</summary>
public static class LogFiles
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The folder is 700 and every log file in it 600; their text, read as another reader would.</summary>
    public static async Task<string> ReadOwnerOnlyAsync(string folder)
    {
        var files = Directory.GetFiles(folder, "*.log");
        Assert.NotEmpty(files);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerFolder, File.GetUnixFileMode(folder));
            foreach (var f in files)
            {
                var mode = File.GetUnixFileMode(f);
                Assert.True(mode == OwnerFile, $"{f}: {mode}");
            }
        }
        var text = new System.Text.StringBuilder();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            text.Append(await new StreamReader(stream).ReadToEndAsync());
        }
        return text.ToString();
    }
}

[Collection(SecurityCollection.Name)]
public sealed class LogFileTests(SecurityFixture portal)
{
    [Fact]
    public async Task OnlyTheOwnerReadsTheLogAndItHoldsNoPassword()
    {
        // A password typed at the login form, right or wrong, is never written.
        const string typed = "Typed-Secret#4711";
        using (var session = portal.NewSessionFrom(SecurityFixture.NewClientAddress()))
            await session.LoginAsync("admin", typed);
        await portal.CreateUserAsync("sec-logged", BudgetPortal.Data.Accounts.PortalRoles.Officer, "jjxz");
        using (await portal.SignInAsync("sec-logged")) { }

        var log = await LogFiles.ReadOwnerOnlyAsync(portal.LogFolder);
        Assert.Contains("HTTP POST /account/login", log);
        Assert.DoesNotContain(typed, log);
        Assert.DoesNotContain(WorkspaceFixture.Password, log);
        Assert.DoesNotContain(WorkspaceFixture.AdminPassword, log);
    }
}

/// <summary>The first start with a generated administrator password (no Admin:InitialPassword).</summary>
[Collection(PortalCollection.Name)]
public sealed class GeneratedPasswordLogTests(PortalFixture portal)
{
    [Fact]
    public async Task TheGeneratedPasswordIsNotInTheOwnerOnlyLog()
    {
        var password = (await File.ReadAllTextAsync(portal.AdminPasswordFile)).Trim();
        var log = await LogFiles.ReadOwnerOnlyAsync(portal.LogFolder);
        Assert.Contains(portal.AdminPasswordFile, log);
        Assert.DoesNotContain(password, log);
    }
}

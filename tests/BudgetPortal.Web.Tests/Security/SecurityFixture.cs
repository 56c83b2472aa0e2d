using System.Net;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// The portal with a low login throttle (so a test reaches it in a few attempts) and one known proxy,
/// 127.0.0.2: tests connect from distinct loopback addresses (127.0.0.x) to be distinct clients.
/// The security stamp is checked every second, not every five (the shipped interval, which SessionTests
/// reads from appsettings.json): the session tests wait for the check four times.
/// </summary>
public sealed class SecurityFixture() : WorkspaceFixture(
    ("LoginThrottle:PerAddress", PerAddress.ToString()),
    ("LoginThrottle:PerAccount", PerAccount.ToString()),
    ("ForwardedHeaders:KnownProxies", KnownProxyAddress),
    ("Accounts:SecurityStampValidationSeconds", StampSeconds.ToString()))
{
    public const int StampSeconds = 1;
    public const int PerAddress = 6;
    public const int PerAccount = 4;
    private const string KnownProxyAddress = "127.0.0.2";
    public static readonly IPAddress KnownProxy = IPAddress.Parse(KnownProxyAddress);
    private static int _nextAddress = 10;

    /// <summary>A loopback address no other test of this fixture uses: a client of its own.</summary>
    public static IPAddress NewClientAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return new IPAddress([127, 0, (byte)(n / 250), (byte)(n % 250 + 3)]);
    }

    public FormSession NewSessionFrom(IPAddress address) => new(BaseAddress, address);

    /// <summary>Signed in through the login form from an address of its own (127.0.0.1 would soon be throttled).</summary>
    public async Task<FormSession> SignInAsync(string userName, string password = Password)
    {
        var session = NewSessionFrom(NewClientAddress());
        using var response = await session.LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>How long a session may outlive a revoked stamp: the portal's validation interval.</summary>
    public TimeSpan StampInterval => Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security";
}

using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using BudgetPortal.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace BudgetPortal.Web.Accounts;

/// <summary>Login attempts allowed per client address and per account name (LoginThrottle in configuration).</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Login POSTs from one address per window (an office behind one NAT address shares it).</summary>
    public int PerAddress { get; set; } = 30;
    /// <summary>Login POSTs naming one account per window, from any address.</summary>
    public int PerAccount { get; set; } = 10;
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Two fixed windows checked before any password is hashed or any audit line written: one per
/// client address (the forwarded one behind a known proxy), one per account name. A refused
/// attempt costs nothing and leaves no trace but a log line, so a flood cannot fill the audit log
/// or the CPU. The account's own lockout (Identity) still counts wrong passwords within the limit.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    /// <summary>Longest account name used as a partition key (longer names are cut, not refused).</summary>
    private const int MaxKeyLength = 256;

    private readonly PartitionedRateLimiter<LoginAttempt> _limiter;
    private readonly int _windowSeconds;

    public LoginThrottle(Microsoft.Extensions.Options.IOptions<LoginThrottleOptions> options)
    {
        var o = options.Value;
        _windowSeconds = Math.Max(1, o.WindowSeconds);
        var window = TimeSpan.FromSeconds(_windowSeconds);
        FixedWindowRateLimiterOptions Limit(int permits) =>
            new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<LoginAttempt, string>(a => RateLimitPartition.GetFixedWindowLimiter(a.Address, _ => Limit(o.PerAddress))),
            PartitionedRateLimiter.Create<LoginAttempt, string>(a => RateLimitPartition.GetFixedWindowLimiter(a.Account, _ => Limit(o.PerAccount))));
    }

    /// <summary>Null when the attempt may go on; else how many seconds to wait (for Retry-After).</summary>
    public int? Refusal(IPAddress? address, string userName)
    {
        var key = userName.Trim().ToUpperInvariant();
        if (key.Length > MaxKeyLength) key = key[..MaxKeyLength];
        using var lease = _limiter.AttemptAcquire(new LoginAttempt(address?.ToString() ?? "unknown", key));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : _windowSeconds;
    }

    public static string RetryAfterHeader(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();

    private readonly record struct LoginAttempt(string Address, string Account);
}

/// <summary>
/// A password hash of nobody, checked when the name is unknown or the account cannot sign in
/// (locked), so that every failed login costs one hash: the time of the answer does not tell
/// which names exist or are locked.
/// </summary>
public sealed class DummyPasswordHash(IPasswordHasher<PortalUser> hasher)
{
    private static readonly PortalUser Nobody = new() { UserName = "nobody" };
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(Nobody, AccountBootstrap.GeneratePassword()));

    public void Verify(string password) => hasher.VerifyHashedPassword(Nobody, _hash.Value, password);
}

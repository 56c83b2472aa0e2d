using System.Diagnostics;
using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Web.Pages.Account;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// The login form tells nobody which names exist or are locked — one answer, one status, about the
/// same time — and refuses floods per address and per account before any work or audit line.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class LoginTests(SecurityFixture portal)
{
    private sealed record Answer(HttpStatusCode Status, string Message, TimeSpan Time);

    private async Task<Answer> TryAsync(string userName, string password)
    {
        using var session = portal.NewSessionFrom(SecurityFixture.NewClientAddress());
        var page = await session.PageAsync("/account/login");
        var started = Stopwatch.GetTimestamp();
        using var response = await session.PostAsync(FormSession.Form(page), new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        var time = Stopwatch.GetElapsedTime(started);
        var answer = await FormSession.ReadAsync(response);
        return new Answer(response.StatusCode, answer.QuerySelector(".errors")?.TextContent.Trim() ?? "", time);
    }

    [Fact]
    public async Task UnknownWrongLockedAndStoppedAccountsGetTheSameAnswer()
    {
        await portal.CreateUserAsync("sec-wrong", PortalRoles.Officer, "jjxz");
        await portal.CreateUserAsync("sec-locked", PortalRoles.Officer, "jjxz");
        await portal.CreateUserAsync("sec-disabled", PortalRoles.Officer, "jjxz");
        // Locked by failed attempts (three in this portal), and 停用 by an administrator.
        for (var i = 0; i < 3; i++) await TryAsync("sec-locked", "Wrong-Password#" + i);
        await using (var db = portal.NewDbContext())
        {
            var disabled = await db.Users.SingleAsync(u => u.UserName == "sec-disabled");
            disabled.LockoutEnd = DateTimeOffset.MaxValue;
            await db.SaveChangesAsync();
        }

        var answers = new Dictionary<string, Answer>
        {
            ["unknown"] = await TryAsync("sec-nobody-" + Guid.NewGuid().ToString("N")[..6], WorkspaceFixture.Password),
            ["wrong password"] = await TryAsync("sec-wrong", "Wrong-Password#9"),
            ["locked, right password"] = await TryAsync("sec-locked", WorkspaceFixture.Password),
            ["stopped, right password"] = await TryAsync("sec-disabled", WorkspaceFixture.Password),
        };
        foreach (var (what, answer) in answers)
        {
            Assert.True(answer.Status == HttpStatusCode.OK, $"{what}: {(int)answer.Status}");
            Assert.True(answer.Message == LoginModel.Failed, $"{what}: {answer.Message}");
        }
    }

    [Fact]
    public async Task AnUnknownNameOrALockedAccountTakesAboutAsLongAsAWrongPassword()
    {
        // Several of each, interleaved, compared by median: before, a hash (tens of ms) against none
        // (a few ms). Each account is tried once, well under the per-account throttle.
        var wrong = new List<double>();
        var unknown = new List<double>();
        var locked = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            await portal.CreateUserAsync($"sec-timed-{i}", PortalRoles.Officer, "jjxz");
            await portal.CreateUserAsync($"sec-timed-locked-{i}", PortalRoles.Officer, "jjxz");
            await using (var db = portal.NewDbContext())
            {
                var user = await db.Users.SingleAsync(u => u.UserName == $"sec-timed-locked-{i}");
                user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15);
                await db.SaveChangesAsync();
            }
            wrong.Add((await TryAsync($"sec-timed-{i}", "Wrong-Password#1")).Time.TotalMilliseconds);
            unknown.Add((await TryAsync($"sec-timed-nobody-{i}", "Wrong-Password#1")).Time.TotalMilliseconds);
            locked.Add((await TryAsync($"sec-timed-locked-{i}", WorkspaceFixture.Password)).Time.TotalMilliseconds);
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var (w, u, l) = (Median(wrong), Median(unknown), Median(locked));
        Assert.True(u > w * 0.4 && l > w * 0.4, $"median ms: wrong password {w:0.0}, unknown name {u:0.0}, locked {l:0.0}");
    }

    [Fact]
    public async Task OneAddressIsThrottledWithoutAnAuditLinePerRefusedAttempt()
    {
        var address = SecurityFixture.NewClientAddress();
        var audited = await FailedLoginLinesAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        // Distinct names, as a spray over many accounts: only the address limits them.
        for (var i = 0; i < SecurityFixture.PerAddress + 20; i++)
        {
            var session = portal.NewSessionFrom(address);
            var response = await session.LoginAsync($"sec-spray-{i}", "Wrong-Password#1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }
        Assert.All(statuses.Take(SecurityFixture.PerAddress), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(SecurityFixture.PerAddress), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.NotNull(refused);
        Assert.True(int.TryParse(refused.Headers.RetryAfter?.ToString(), out var seconds) && seconds > 0, refused.Headers.RetryAfter?.ToString());
        var page = await FormSession.ReadAsync(refused);
        Assert.Contains("请稍后再试", page.QuerySelector(".errors")!.TextContent);
        Assert.NotNull(page.QuerySelector("main form input[name='Input.UserName']"));
        // Only the attempts let through are in the audit log.
        Assert.Equal(audited + SecurityFixture.PerAddress, await FailedLoginLinesAsync());

        // Someone at another address signs in as usual.
        await portal.CreateUserAsync("sec-neighbour", PortalRoles.Officer, "jjxz");
        using var neighbour = await portal.SignInAsync("sec-neighbour");
    }

    [Fact]
    public async Task OneAccountIsThrottledFromEveryAddressButOthersAreNot()
    {
        await portal.CreateUserAsync("sec-target", PortalRoles.Officer, "jjxz");
        await portal.CreateUserAsync("sec-bystander", PortalRoles.Officer, "jjxz");
        // Each attempt from an address of its own, as a botnet would; the lockout is not reached
        // (three wrong passwords in this portal) because two are right.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < SecurityFixture.PerAccount + 2; i++)
        {
            using var session = portal.NewSessionFrom(SecurityFixture.NewClientAddress());
            using var response = await session.LoginAsync("sec-target", i % 2 == 0 ? WorkspaceFixture.Password : "Wrong-Password#1");
            answers.Add(response.StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(SecurityFixture.PerAccount));
        Assert.All(answers.Skip(SecurityFixture.PerAccount), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // The name is compared as Identity compares it (case-insensitively).
        using (var other = portal.NewSessionFrom(SecurityFixture.NewClientAddress()))
            Assert.Equal(HttpStatusCode.TooManyRequests, (await other.LoginAsync("SEC-Target", WorkspaceFixture.Password)).StatusCode);
        using var bystander = await portal.SignInAsync("sec-bystander");
    }

    private async Task<int> FailedLoginLinesAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.AuditLog.CountAsync(a => a.Action == AuditAction.LoginFailed);
    }
}

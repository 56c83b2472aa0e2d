using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// Two people at once: the loser of two simultaneous 确认发布 is told in Chinese that the version
/// was published by someone else (not a 500), and nothing of theirs is stored; a sign-off saved over
/// someone else's shows what they stored, as the other forms do.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class ConcurrentEditTests(WorkspaceFixture portal)
{
    [Fact]
    public async Task TheLoserOfTwoSimultaneousPublicationsIsToldItWasPublishedByAnother()
    {
        var (id, _) = await ReviewTests.SubmittedDraftAsync(portal, "race");
        await portal.CreateUserAsync("race-reviewer-2", PortalRoles.Reviewer);
        using var first = await portal.LoginAsync("race-reviewer");
        using var second = await portal.LoginAsync("race-reviewer-2");
        var firstConfirmation = await first.PageAsync($"/workspace/disclosures/{id}?handler=ConfirmPublish");
        var secondConfirmation = await second.PageAsync($"/workspace/disclosures/{id}?handler=ConfirmPublish");

        // The disclosure's row is held, so both confirmations reach their save before either commits:
        // the race the penetration test won by chance, every time.
        await using var holder = new NpgsqlConnection(portal.Database.ConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand("SELECT 1 FROM disclosures WHERE id = @id FOR UPDATE", holder, hold))
        {
            select.Parameters.AddWithValue("id", id);
            await select.ExecuteNonQueryAsync();
        }
        var publishing = new[]
        {
            first.PostAsync(FormSession.Form(firstConfirmation, "确认发布"), [], "确认发布"),
            second.PostAsync(FormSession.Form(secondConfirmation, "确认发布"), [], "确认发布"),
        };
        await WaitForLockWaitersAsync(holder, 2);
        await hold.CommitAsync();
        var responses = await Task.WhenAll(publishing);

        Assert.All(responses, r => Assert.NotEqual(HttpStatusCode.InternalServerError, r.StatusCode));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = responses.Single(r => r.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        var page = await FormSession.ReadAsync(loser);
        Assert.Contains("已经发布，无需再次发布", page.QuerySelector(".errors")!.TextContent);

        // Published once, by the winner: its frozen checks and one audit line; nothing of the loser's.
        await using var db = portal.NewDbContext();
        var stored = await db.Disclosures.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal(DisclosureStatus.Published, stored.Status);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.DisclosureId == id && a.Action == AuditAction.Publish));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM published_checks WHERE disclosure_id = @id", holder);
        count.Parameters.AddWithValue("id", id);
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task ASignOffSavedOverAnothersShowsWhatTheyStored()
    {
        var (id, _) = await ReviewTests.SubmittedDraftAsync(portal, "sign-race", submit: false);
        using var officer = await portal.LoginAsync("sign-race-officer");
        var mine = await officer.PageAsync($"/workspace/disclosures/{id}/sign-off");
        var theirs = await officer.PageAsync($"/workspace/disclosures/{id}/sign-off");
        using (var saved = await officer.PostAsync(FormSession.Form(theirs), new() { ["Input.Name"] = "他人保存的落款单位", ["Input.Date"] = "2025-02-01", ["Input.Text"] = "" }))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var refused = await officer.PostAsync(FormSession.Form(mine), new() { ["Input.Name"] = "我填写的落款单位", ["Input.Date"] = "2025-03-01", ["Input.Text"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormSession.ReadAsync(refused);
        Assert.Contains("已被他人修改并保存", page.QuerySelector(".errors")!.TextContent);
        var conflict = page.QuerySelector(".conflict")!.TextContent;
        Assert.Contains("他人保存的落款单位", conflict);
        Assert.Contains("2025-02-01", conflict);
        Assert.Equal("我填写的落款单位", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name='Input.Name']")!).Value);

        // Saving again from that page keeps this person's values, knowingly.
        using (var again = await officer.PostAsync(FormSession.Form(page), []))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal("我填写的落款单位", (await db.Disclosures.AsNoTracking().SingleAsync(d => d.Id == id)).SignOff.Name);
    }

    /// <summary>Until that many other sessions wait for a lock (pg_locks is readable by every role).</summary>
    private static async Task WaitForLockWaitersAsync(NpgsqlConnection connection, int waiters)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()", connection);
            if ((long)(await cmd.ExecuteScalarAsync())! >= waiters) return;
            await Task.Delay(50);
        }
        Assert.Fail($"the two confirmations did not both reach the database ({waiters} lock waiters expected)");
    }
}

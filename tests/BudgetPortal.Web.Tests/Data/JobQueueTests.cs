using System.Collections.Concurrent;
using BudgetPortal.Data;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Tests.Data;

/// <summary>
/// The job queue on real PostgreSQL, as the application role: runners on several nodes race for the
/// same jobs, each done once; a job whose node died (its lease ran out) is taken again.
/// </summary>
public sealed class JobQueueTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _database.DisposeAsync();

    private BudgetDbContext NewDbContext() =>
        new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(_database.ConnectionString).Options);

    [Fact]
    public async Task EveryPublishedSeedHasOneJobOfEachKindWaiting()
    {
        await using var db = NewDbContext();
        var published = await db.PublishedSummaries.Select(s => s.DisclosureId).OrderBy(id => id).ToListAsync();
        var jobs = await db.Jobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync();
        foreach (var kind in Job.AtPublication)
            Assert.Equal(published, jobs.Where(j => j.Kind == kind).Select(j => j.DisclosureId).Order());
        Assert.Equal(published.Count * Job.AtPublication.Length, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((0, (DateTimeOffset?)null, (string?)null), (j.Attempts, j.DoneAt, j.TakenBy)));
        // A version's files (a fraction of a second) are queued before its prints (seconds), so a runner does them first.
        Assert.All(published, id => Assert.True(jobs.Single(j => j.DisclosureId == id && j.Kind == JobKind.StoreFiles).Id
                                                < jobs.Single(j => j.DisclosureId == id && j.Kind == JobKind.PrintPdfs).Id));
        // Adding the missing jobs again adds none.
        Assert.Equal(0, await JobQueue.AddMissingAsync(db));
    }

    [Fact]
    public async Task FourRunnersRacingDoEveryJobExactlyOnce()
    {
        int pending;
        await using (var db = NewDbContext())
        {
            // More to race for: a job for every version, drafts too (the queue does not look at what a job is for).
            var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
            for (var i = 0; i < 12; i++) await db.AddDraftOfNewDepartmentAsync($"job-race-{i}", $"任务竞争测试单位{i}", doc);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO jobs (kind, disclosure_id, created_at, run_after, attempts)
                SELECT 'PrintPdfs', id, now(), now(), 0 FROM disclosures ON CONFLICT DO NOTHING
                """);
            pending = await db.Jobs.CountAsync(j => j.DoneAt == null);
        }
        Assert.True(pending >= 16, $"only {pending} jobs to race for");
        using var start = new Barrier(4);
        var done = new ConcurrentBag<(string Node, long Job)>();
        var finishedTwice = 0;

        async Task RunnerAsync(string node)
        {
            var random = new Random(node.GetHashCode());
            start.SignalAndWait();
            while (true)
            {
                await using var db = NewDbContext();
                var job = await JobQueue.TakeNextAsync(db, node, TimeSpan.FromMinutes(1), maxAttempts: 5);
                if (job is null) return;
                Assert.Equal(node, job.TakenBy);
                // The work, then its result stored with the job's end in one transaction.
                await Task.Delay(random.Next(30, 80));
                await using var tx = await db.Database.BeginTransactionAsync();
                if (await JobQueue.FinishAsync(db, job.Id) != 1) Interlocked.Increment(ref finishedTwice);
                await tx.CommitAsync();
                done.Add((node, job.Id));
            }
        }

        await Task.WhenAll(Enumerable.Range(1, 4).Select(n => Task.Run(() => RunnerAsync($"node-{n}"))));

        Assert.Equal(0, finishedTwice);
        Assert.Equal(pending, done.Count);
        Assert.Equal(pending, done.Select(d => d.Job).Distinct().Count());
        await using (var db = NewDbContext())
        {
            Assert.Equal(0, await db.Jobs.CountAsync(j => j.DoneAt == null));
            Assert.All(await db.Jobs.AsNoTracking().ToListAsync(), j => Assert.Equal(1, j.Attempts));
        }
        // Each job was taken once, by the node that finished it.
        Assert.True(done.Select(d => d.Node).Distinct().Count() > 1, "one runner took every job: no race happened");
    }

    [Fact]
    public async Task AJobWhoseNodeDiedIsTakenAgainWhenItsLeaseRunsOut()
    {
        await using var db = NewDbContext();
        var first = await JobQueue.TakeNextAsync(db, "dies", TimeSpan.FromSeconds(2), maxAttempts: 5);
        Assert.NotNull(first);
        // Held: another node takes the next job, not this one, and cannot take this one by name.
        var other = await JobQueue.TakeNextAsync(db, "survives", TimeSpan.FromMinutes(1), maxAttempts: 5);
        Assert.NotNull(other);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Null(await JobQueue.TakeAsync(db, first.Kind, first.DisclosureId, "survives", TimeSpan.FromMinutes(1)));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        // The lease ran out: the job is free again, for the runner (it waited longest) and for a request.
        var again = await JobQueue.TakeNextAsync(db, "survives", TimeSpan.FromMinutes(1), maxAttempts: 5);
        Assert.NotNull(again);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(("survives", 2), (again.TakenBy, again.Attempts));
        // The node that was thought dead learns it no longer holds the job.
        Assert.False(await JobQueue.RenewAsync(db, first.Id, "dies", TimeSpan.FromMinutes(1)));
        Assert.True(await JobQueue.RenewAsync(db, first.Id, "survives", TimeSpan.FromMinutes(1)));

        Assert.Equal(1, await JobQueue.FinishAsync(db, again.Id));
        // Finished once: the late node's finish changes nothing, and a done job stays done.
        Assert.Equal(0, await JobQueue.FinishAsync(db, first.Id));
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE jobs SET done_at = NULL WHERE id = {first.Id}"));
        Assert.Equal("BP001", refused.SqlState);
        Assert.Null(await JobQueue.TakeAsync(db, first.Kind, first.DisclosureId, "dies", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task AFailedJobWaitsBeforeTheRunnersTryAgainAndStopsAfterItsAttempts()
    {
        await using var db = NewDbContext();
        var job = (await JobQueue.TakeNextAsync(db, "a", TimeSpan.FromMinutes(1), maxAttempts: 2))!;
        Assert.Equal(1, await JobQueue.FailAsync(db, job.Id, "a", new string('错', Job.MaxErrorLength + 10), TimeSpan.FromHours(1)));
        var failed = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
        Assert.Equal((null, null, Job.MaxErrorLength), (failed.TakenBy, failed.LeaseUntil, failed.LastError!.Length));
        Assert.True(failed.RunAfter > DateTimeOffset.UtcNow.AddMinutes(59));
        // The runners take the other jobs first; a request that needs it takes it at once.
        for (var next = await JobQueue.TakeNextAsync(db, "b", TimeSpan.FromMinutes(1), 2); next is not null;
             next = await JobQueue.TakeNextAsync(db, "b", TimeSpan.FromMinutes(1), 2))
            Assert.NotEqual(job.Id, next.Id);
        var now = (await JobQueue.TakeAsync(db, job.Kind, job.DisclosureId, "c", TimeSpan.FromMinutes(1)))!;
        Assert.Equal((job.Id, 2), (now.Id, now.Attempts));
        // Failed again, due at once, but tried twice already: the runners leave it to the requests.
        await JobQueue.FailAsync(db, job.Id, "c", "again", TimeSpan.Zero);
        await db.Database.ExecuteSqlRawAsync("UPDATE jobs SET lease_until = NULL, taken_by = NULL WHERE done_at IS NULL");
        var taken = new List<long>();
        for (var next = await JobQueue.TakeNextAsync(db, "d", TimeSpan.FromMinutes(1), 2); next is not null;
             next = await JobQueue.TakeNextAsync(db, "d", TimeSpan.FromMinutes(1), 2))
            taken.Add(next.Id);
        Assert.DoesNotContain(job.Id, taken);
    }
}

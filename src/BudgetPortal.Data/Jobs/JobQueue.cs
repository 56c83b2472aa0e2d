using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Data.Jobs;

/// <summary>
/// Taking, renewing, finishing and failing jobs (<see cref="Job"/>) on PostgreSQL, for any number of
/// nodes at once: a job is taken with <c>FOR UPDATE SKIP LOCKED</c> (two nodes never wait on or take
/// the same row) and held by a lease the taker renews while it works; a lease that ran out (its node
/// died or hung) makes the job free again. A job is finished in the transaction that stores its
/// result (<see cref="FinishAsync"/>), so however often it is taken its result is stored once.
/// </summary>
public static class JobQueue
{
    /// <summary>The channel a new job is announced on (migration Jobs: a trigger NOTIFYs at commit).</summary>
    public const string Channel = "budget_jobs";

    /// <summary>
    /// Takes the job that has waited longest among those not done, due (<see cref="Job.RunAfter"/>),
    /// tried fewer than <paramref name="maxAttempts"/> times and not held by a running lease; or null.
    /// </summary>
    public static async Task<Job?> TakeNextAsync(BudgetDbContext db, string node, TimeSpan lease, int maxAttempts, CancellationToken ct = default) =>
        (await db.Jobs.FromSqlInterpolated($"""
            UPDATE jobs SET taken_by = {node}, lease_until = now() + {lease}, attempts = attempts + 1
            WHERE id = (SELECT id FROM jobs
                        WHERE done_at IS NULL AND run_after <= now() AND attempts < {maxAttempts}
                          AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct)).SingleOrDefault();

    /// <summary>
    /// Takes one version's job of a kind now, for a request that needs its result (a download, the
    /// publishing reviewer's page): whatever its wait or its failed attempts, unless it is done or
    /// another lease runs. Adds the job first if the version has none. Null if it is done or held.
    /// </summary>
    public static async Task<Job?> TakeAsync(BudgetDbContext db, JobKind kind, int disclosureId, string node, TimeSpan lease, CancellationToken ct = default)
    {
        var kindName = kind.ToString();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO jobs (kind, disclosure_id, created_at, run_after, attempts)
            VALUES ({kindName}, {disclosureId}, now(), now(), 0) ON CONFLICT (disclosure_id, kind) DO NOTHING
            """, ct);
        return (await db.Jobs.FromSqlInterpolated($"""
            UPDATE jobs SET taken_by = {node}, lease_until = now() + {lease}, attempts = attempts + 1
            WHERE id = (SELECT id FROM jobs
                        WHERE disclosure_id = {disclosureId} AND kind = {kindName} AND done_at IS NULL
                          AND (lease_until IS NULL OR lease_until < now())
                        FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct)).SingleOrDefault();
    }

    /// <summary>Extends the lease of a job this node holds; false if it no longer holds it (its lease ran out and another node took it, or it is done).</summary>
    public static async Task<bool> RenewAsync(BudgetDbContext db, long jobId, string node, TimeSpan lease, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE jobs SET lease_until = now() + {lease}
            WHERE id = {jobId} AND taken_by = {node} AND done_at IS NULL
            """, ct) == 1;

    /// <summary>
    /// Marks the job done; call it in the transaction that stores the job's result. Whoever holds it:
    /// a node whose lease ran out may still finish first, and its result is as good.
    /// </summary>
    public static Task<int> FinishAsync(BudgetDbContext db, long jobId, CancellationToken ct = default) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE jobs SET done_at = now(), lease_until = NULL, last_error = NULL
            WHERE id = {jobId} AND done_at IS NULL
            """, ct);

    /// <summary>
    /// Lets go of a job that failed on this node: it is free again after <paramref name="retryAfter"/>,
    /// with the error kept (at most <see cref="Job.MaxErrorLength"/> characters).
    /// </summary>
    public static Task<int> FailAsync(BudgetDbContext db, long jobId, string node, string error, TimeSpan retryAfter, CancellationToken ct = default)
    {
        var message = error.Length > Job.MaxErrorLength ? error[..Job.MaxErrorLength] : error;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE jobs SET lease_until = NULL, taken_by = NULL, last_error = {message}, run_after = now() + {retryAfter}
            WHERE id = {jobId} AND taken_by = {node} AND done_at IS NULL
            """, ct);
    }

    /// <summary>
    /// Adds the jobs the latest published versions lack (versions published before the queue or a kind
    /// of job existed, or whose result is missing): one statement per kind of <see cref="Job.AtPublication"/>
    /// over the published summaries; returns how many. Older versions get theirs when a request needs them (<see cref="TakeAsync"/>).
    /// </summary>
    public static async Task<int> AddMissingAsync(BudgetDbContext db, CancellationToken ct = default)
    {
        var added = 0;
        foreach (var kind in Job.AtPublication)
        {
            // The result table is a name from the code (Job.ResultTable), not input; the kind is a parameter.
            var sql = $"""
                INSERT INTO jobs (kind, disclosure_id, created_at, run_after, attempts)
                SELECT @kind, s.disclosure_id, now(), now(), 0 FROM published_summaries s
                WHERE NOT EXISTS (SELECT 1 FROM {Job.ResultTable(kind)} r WHERE r.disclosure_id = s.disclosure_id)
                  AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.disclosure_id = s.disclosure_id AND j.kind = @kind)
                ORDER BY s.disclosure_id
                ON CONFLICT (disclosure_id, kind) DO NOTHING
                """;
            added += await db.Database.ExecuteSqlRawAsync(sql, [new Npgsql.NpgsqlParameter("kind", kind.ToString())], ct);
        }
        return added;
    }
}

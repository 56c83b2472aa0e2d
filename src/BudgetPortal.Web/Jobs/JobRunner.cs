using BudgetPortal.Data;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Web.Printing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BudgetPortal.Web.Jobs;

/// <summary>The job queue's settings (section Jobs); every limit explicit.</summary>
public sealed class JobOptions
{
    /// <summary>Whether this node runs jobs in the background (the tests turn it off and run what they read).</summary>
    public bool Run { get; set; } = true;
    /// <summary>This node's name in jobs.taken_by; empty: host name, process id and a random suffix.</summary>
    public string? Node { get; set; }
    /// <summary>How long a taken job is held without renewal; renewed every third of it while the node works.</summary>
    public int LeaseSeconds { get; set; } = 60;
    /// <summary>How often an idle runner looks for jobs without being woken (leases that ran out, retries).</summary>
    public int PollSeconds { get; set; } = 10;
    /// <summary>After this many failed attempts a job is left to the requests that need it (a download tries again).</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>The longest one job may run on a node (each Chromium print has its own, shorter limit).</summary>
    public int TimeoutSeconds { get; set; } = 900;
    /// <summary>How long a request waits for a job another node is doing before it answers 503.</summary>
    public int AwaitSeconds { get; set; } = 120;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}

/// <summary>This process's name in the job queue.</summary>
public sealed class JobNode(IOptions<JobOptions> options)
{
    public string Name { get; } = options.Value.Node is { Length: > 0 } name ? name[..Math.Min(name.Length, Job.MaxNodeLength)]
        : $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";
}

/// <summary>
/// Runs the queue's jobs on this node, one at a time, after the portal serves (Chromium reaches the
/// print view through it): takes the oldest due job (<see cref="JobQueue.TakeNextAsync"/>), does it,
/// and waits for the next — woken by PostgreSQL's NOTIFY on budget_jobs when a publication commits,
/// and every Jobs:PollSeconds anyway (for leases that ran out on a node that died, and retries). Every
/// node of a cluster runs one; a job is done by whichever takes it first.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, DisclosurePdfStore pdfs, Downloads.PublishedFileStore files, Downloads.YearPackageParts yearParts, JobNode node, IOptions<JobOptions> options,
    IConfiguration config, IHostApplicationLifetime lifetime, ILogger<JobRunner> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Jobs this runner finished (tests and logs read it).</summary>
    public int Done => _done;
    private int _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try { await started.Task.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        var listening = ListenAsync(stoppingToken);
        var o = options.Value;
        logger.LogInformation("Job runner {Node} started (lease {Lease} s, poll {Poll} s)", node.Name, o.LeaseSeconds, o.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            Job? job = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                job = await JobQueue.TakeNextAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), node.Name, o.Lease, o.MaxAttempts, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            // The database unreachable: try again at the next poll; never stop the portal over it.
            catch (Exception e)
            {
                logger.LogWarning(e, "Taking the next job failed; trying again in {Poll} s", o.PollSeconds);
            }
            if (job is not null)
            {
                await RunAsync(job, stoppingToken);
                continue;
            }
            try { await _wake.WaitAsync(TimeSpan.FromSeconds(o.PollSeconds), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await listening;
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        limit.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        try
        {
            switch (job.Kind)
            {
                case JobKind.PrintPdfs:
                    await pdfs.RunJobAsync(job, limit.Token);
                    break;
                case JobKind.StoreFiles:
                    await files.RunJobAsync(job, limit.Token);
                    break;
                case JobKind.YearPackagePart:
                    await yearParts.RunJobAsync(job, limit.Token);
                    break;
                default:
                    throw new InvalidOperationException($"no runner for jobs of kind {job.Kind}");
            }
            Interlocked.Increment(ref _done);
        }
        catch (Exception e)
        {
            var stopping = stoppingToken.IsCancellationRequested;
            // Stopping: let go at once, so that another node takes it now rather than when the lease runs out.
            var retry = stopping ? TimeSpan.Zero : Backoff(job.Attempts);
            if (stopping) logger.LogInformation("Job {JobId} ({Kind} of disclosure {DisclosureId}) let go: the portal is stopping", job.Id, job.Kind, job.DisclosureId);
            else logger.LogError(e, "Job {JobId} ({Kind} of disclosure {DisclosureId}) failed on attempt {Attempt}; tried again after {Retry}",
                job.Id, job.Kind, job.DisclosureId, job.Attempts, retry);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await JobQueue.FailAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), job.Id, node.Name,
                    stopping ? "节点停止" : e.Message, retry, CancellationToken.None);
            }
            catch (Exception again)
            {
                // Its lease runs out by itself and another node takes it then.
                logger.LogWarning(again, "Could not let go of job {JobId}", job.Id);
            }
        }
    }

    /// <summary>30 s after the first failure, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>LISTEN on the queue's channel on a connection of its own; reconnects after a failure (meanwhile the runner polls).</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        var connectionString = config.GetConnectionString("Budget")!;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => { if (_wake.CurrentCount == 0) _wake.Release(); };
                await using (var listen = new NpgsqlCommand($"LISTEN {JobQueue.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listening for new jobs failed; polling every {Poll} s and listening again in 5 s", options.Value.PollSeconds);
                try { await Task.Delay(TimeSpan.FromSeconds(5), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}

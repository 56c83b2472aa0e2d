using System.Buffers;
using System.IO.Pipelines;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.OutputCaching;
using Npgsql;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// Several portal nodes on one database (issue 15, docs/scaling.md): which PostgreSQL a request reads,
/// and how a publication on one node reaches the output cache and the reference lists of every node.
/// </summary>
/// <remarks>
/// Settings: <c>ConnectionStrings:BudgetReplica</c> (a streaming replica of the primary, read-only) takes the
/// public reads that can tolerate a little lag; <c>ConnectionStrings:Redis</c> makes the output cache one
/// cache shared by every node; <c>Publication:NotifyNodes</c> (true under <c>./run.sh cluster</c>) tells the
/// other nodes of a publication through PostgreSQL's NOTIFY, so that they read their <see cref="PublicLists"/>
/// again and, without Redis, evict their own output cache. A single node needs none of them.
/// </remarks>
public static class SeveralNodes
{
    /// <summary>The NOTIFY channel of publications; the payload is "node:tag".</summary>
    public const string Channel = "budgetportal_published";

    /// <summary>
    /// The connection string for a context made in <paramref name="scope"/>: the replica for the public reads
    /// of an anonymous request (its own scope only), the primary for everything else — signed-in people (a
    /// reviewer sees what was just published: read-your-writes), every write, the print view, the health check,
    /// PDFs, and contexts made outside a request (the reference lists, the sign-in keys, background work).
    /// </summary>
    public static string ConnectionString(IServiceProvider scope)
    {
        var config = scope.GetRequiredService<IConfiguration>();
        var primary = config.GetConnectionString("Budget")
            ?? throw new InvalidOperationException("ConnectionStrings:Budget is not configured (set ConnectionStrings__Budget).");
        var replica = config.GetConnectionString("BudgetReplica");
        if (string.IsNullOrEmpty(replica)) return primary;
        var http = scope.GetService<IHttpContextAccessor>()?.HttpContext;
        return http is not null && ReferenceEquals(http.RequestServices, scope) && ToleratesLag(http.Request) ? replica : primary;
    }

    /// <summary>An anonymous GET or HEAD of a public page, download or API answer.</summary>
    public static bool ToleratesLag(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Cookies.ContainsKey("budgetportal.auth")
        && !request.Path.StartsWithSegments("/account") && !request.Path.StartsWithSegments("/workspace")
        && !request.Path.StartsWithSegments("/admin") && !request.Path.StartsWithSegments("/print")
        && !request.Path.StartsWithSegments("/healthz")
        && !(request.Path.Value ?? "").EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The output cache (Redis when <c>ConnectionStrings:Redis</c> is set, else in memory) wrapped by
    /// <see cref="NodeAwareCacheStore"/>, and the listener of the other nodes' publications when configured.
    /// Call after <c>AddOutputCache</c>.
    /// </summary>
    public static IServiceCollection AddSeveralNodes(this IServiceCollection services, IConfiguration config)
    {
        var redis = config.GetConnectionString("Redis");
        if (!string.IsNullOrEmpty(redis))
            services.AddStackExchangeRedisOutputCache(o => { o.Configuration = redis; o.InstanceName = "budgetportal:"; });
        var inner = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(inner);
        services.AddSingleton<PublicationChannel>();
        services.AddSingleton<IOutputCacheStore>(sp => new NodeAwareCacheStore(
            inner.ImplementationInstance as IOutputCacheStore
            ?? (IOutputCacheStore)(inner.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)),
            shared: !string.IsNullOrEmpty(redis), sp.GetRequiredService<PublicationChannel>(), sp.GetRequiredService<ILogger<NodeAwareCacheStore>>()));
        if (config.GetValue("Publication:NotifyNodes", false))
            services.AddHostedService<PublicationListener>();
        return services;
    }
}

/// <summary>
/// Publication news between nodes: waits for the replica to replay what the primary has committed (so a page
/// rendered after the eviction, from the replica, is the new one), and NOTIFYs the other nodes.
/// </summary>
public sealed class PublicationChannel(IConfiguration config, ILogger<PublicationChannel> logger)
{
    /// <summary>This process's portal, so that it ignores its own notifications.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N")[..12];

    private string Primary => config.GetConnectionString("Budget")!;
    private bool Notifies => config.GetValue("Publication:NotifyNodes", false);

    /// <summary>
    /// Waits until the replica has replayed the primary's current WAL position, at most
    /// <c>Publication:ReplicaWaitSeconds</c> (5); a replica further behind is logged, not waited for.
    /// </summary>
    public async Task ReplicaCaughtUpAsync(CancellationToken ct)
    {
        var replica = config.GetConnectionString("BudgetReplica");
        if (string.IsNullOrEmpty(replica)) return;
        var limit = TimeSpan.FromSeconds(config.GetValue("Publication:ReplicaWaitSeconds", 5.0));
        try
        {
            string lsn;
            await using (var primary = new NpgsqlConnection(Primary))
            {
                await primary.OpenAsync(ct);
                await using var cmd = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
                lsn = (string)(await cmd.ExecuteScalarAsync(ct))!;
            }
            await using var standby = new NpgsqlConnection(replica);
            await standby.OpenAsync(ct);
            await using var replayed = new NpgsqlCommand("SELECT coalesce(pg_last_wal_replay_lsn() >= @lsn::pg_lsn, true)", standby);
            replayed.Parameters.AddWithValue("lsn", lsn);
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (!(bool)(await replayed.ExecuteScalarAsync(ct))!)
            {
                if (started.Elapsed > limit)
                {
                    logger.LogWarning("The replica has not replayed {Lsn} after {Seconds} s; the cache is evicted anyway", lsn, limit.TotalSeconds);
                    return;
                }
                await Task.Delay(20, ct);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The publication is committed: an unreachable replica delays nothing (its pages are the primary's once it is back).
            logger.LogWarning(e, "Could not compare the replica's position with the primary's");
        }
    }

    /// <summary>Tells the other nodes (when <c>Publication:NotifyNodes</c>) that <paramref name="tag"/> was evicted.</summary>
    public async Task NotifyAsync(string tag, CancellationToken ct)
    {
        if (!Notifies) return;
        try
        {
            await using var conn = new NpgsqlConnection(Primary);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", conn);
            cmd.Parameters.AddWithValue("channel", SeveralNodes.Channel);
            cmd.Parameters.AddWithValue("payload", Node + ":" + tag);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Could not tell the other nodes of the eviction of {Tag}", tag);
        }
    }
}

/// <summary>
/// The output cache store, evicting on every node: a tag eviction waits for the replica, evicts (in Redis that is
/// every node's cache already), then tells the other nodes, whose <see cref="PublicationListener"/> reads the
/// reference lists again and, when the cache is each node's own memory, evicts there too. The cache is only a
/// shortcut: with Redis unreachable a page is rendered as if it were not cached (a warning at most every
/// 30 seconds), never answered 500.
/// </summary>
public sealed class NodeAwareCacheStore(IOutputCacheStore inner, bool shared, PublicationChannel channel, ILogger<NodeAwareCacheStore> logger)
    : IOutputCacheBufferStore
{
    private long _lastWarning;

    public bool Shared => shared;

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await channel.ReplicaCaughtUpAsync(cancellationToken);
        try { await inner.EvictByTagAsync(tag, cancellationToken); }
        catch (Exception e) when (Unreachable(e))
        {
            // The publication is committed; the pages cached before it expire by themselves (PublishedContent: ten minutes).
            logger.LogError(e, "The shared output cache could not evict {Tag}: cached pages stay until they expire", tag);
        }
        await channel.NotifyAsync(tag, cancellationToken);
    }

    /// <summary>Another node evicted <paramref name="tag"/>: evict it here unless the cache is shared (Redis).</summary>
    public ValueTask EvictedElsewhereAsync(string tag, CancellationToken ct) =>
        shared ? ValueTask.CompletedTask : inner.EvictByTagAsync(tag, ct);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try { return await inner.GetAsync(key, cancellationToken); }
        catch (Exception e) when (Unreachable(e)) { return null; }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try { await inner.SetAsync(key, value, tags, validFor, cancellationToken); }
        catch (Exception e) when (Unreachable(e)) { }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        try
        {
            if (inner is IOutputCacheBufferStore buffers) return await buffers.TryGetAsync(key, destination, cancellationToken);
            if (await inner.GetAsync(key, cancellationToken) is not { } bytes) return false;
            await destination.WriteAsync(bytes, cancellationToken);
            return true;
        }
        catch (Exception e) when (Unreachable(e)) { return false; }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            if (inner is IOutputCacheBufferStore buffers) await buffers.SetAsync(key, value, tags, validFor, cancellationToken);
            else await inner.SetAsync(key, value.ToArray(), tags.IsEmpty ? null : tags.ToArray(), validFor, cancellationToken);
        }
        catch (Exception e) when (Unreachable(e)) { }
    }

    /// <summary>Redis down, unreachable or too slow (only the shared cache fails so); logged at most every 30 s.</summary>
    private bool Unreachable(Exception e)
    {
        if (!shared || e is not (StackExchange.Redis.RedisException or TimeoutException)) return false;
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarning);
        if ((last == 0 || now - last > 30_000) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
            logger.LogWarning(e, "The shared output cache (Redis) is unreachable: pages are rendered uncached until it is back");
        return true;
    }
}

/// <summary>
/// LISTENs for the other nodes' publications on a connection of its own to the primary; after a lost
/// connection it reconnects and, having perhaps missed a notification, refreshes as if told.
/// </summary>
public sealed class PublicationListener(IConfiguration config, IOutputCacheStore store, PublicationChannel channel,
    ILogger<PublicationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cache = (NodeAwareCacheStore)store;
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(config.GetConnectionString("Budget"))
                    { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await conn.OpenAsync(stoppingToken);
                var told = System.Threading.Channels.Channel.CreateUnbounded<string>();
                conn.Notification += (_, e) =>
                {
                    var (node, tag) = (e.Payload.Split(':', 2)[0], e.Payload.Split(':', 2).ElementAtOrDefault(1) ?? PublishedContent.Tag);
                    if (node != channel.Node) told.Writer.TryWrite(tag);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {SeveralNodes.Channel}", conn))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (!first) await RefreshAsync(cache, PublishedContent.Tag, stoppingToken);
                first = false;
                var waiting = conn.WaitAsync(stoppingToken);
                while (true)
                {
                    await waiting;
                    while (told.Reader.TryRead(out var tag)) await RefreshAsync(cache, tag, stoppingToken);
                    waiting = conn.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                logger.LogWarning(e, "Lost the connection listening for publications; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task RefreshAsync(NodeAwareCacheStore cache, string tag, CancellationToken ct)
    {
        PublicLists.Invalidate();
        await cache.EvictedElsewhereAsync(tag, ct);
        logger.LogInformation("Another node published: reference lists and cached pages ({Tag}) refreshed", tag);
    }
}

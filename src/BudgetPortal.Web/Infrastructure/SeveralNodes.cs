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
    /// <summary>The NOTIFY channel of publications; the payload is "node:tag tag …" (tags have no spaces: PublishedContent).</summary>
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
        {
            // One connection, shared by the store and the probe that watches it (SharedCacheProbe).
            services.AddSingleton(new SharedCacheConnection(redis));
            services.AddStackExchangeRedisOutputCache(o => o.InstanceName = SharedCacheConnection.InstanceName);
            services.AddOptions<Microsoft.AspNetCore.OutputCaching.StackExchangeRedis.RedisOutputCacheOptions>()
                .Configure<SharedCacheConnection>((o, connection) => o.ConnectionMultiplexerFactory = connection.GetAsync);
            services.AddHostedService<SharedCacheProbe>();
        }
        var inner = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(inner);
        services.AddSingleton<PublicationChannel>();
        services.AddSingleton<IOutputCacheStore>(sp => new NodeAwareCacheStore(
            inner.ImplementationInstance as IOutputCacheStore
            ?? (IOutputCacheStore)(inner.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)),
            sp.GetService<SharedCacheConnection>(), sp.GetRequiredService<PublicationChannel>(), sp.GetRequiredService<ILogger<NodeAwareCacheStore>>()));
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

    /// <summary>Tells the other nodes (when <c>Publication:NotifyNodes</c>) that <paramref name="tags"/> were evicted.</summary>
    public async Task NotifyAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        if (!Notifies) return;
        try
        {
            await using var conn = new NpgsqlConnection(Primary);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", conn);
            cmd.Parameters.AddWithValue("channel", SeveralNodes.Channel);
            cmd.Parameters.AddWithValue("payload", Node + ":" + string.Join(' ', tags));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Could not tell the other nodes of the eviction of {Tags}", string.Join(' ', tags));
        }
    }
}

/// <summary>
/// The output cache store, evicting on every node: a tag eviction waits for the replica, evicts (in Redis that is
/// every node's cache already), then tells the other nodes, whose <see cref="PublicationListener"/> reads the
/// reference lists again and, when the cache is each node's own memory, evicts there too. The cache is only a
/// shortcut: with Redis unreachable a page is rendered as if it were not cached, never answered 500.
/// </summary>
/// <remarks>
/// While Redis is unreachable — the <see cref="SharedCacheProbe"/> says so (the connection failed, or PING does not
/// answer), or a command failed — the store passes Redis by entirely: no lookup, no store, so an uncached page
/// costs what it costs without a cache instead of the Redis client's timeouts (1–4 s a page before). An eviction
/// meanwhile (this node's publication, or another node's heard through NOTIFY) cannot reach Redis, whose pages
/// from before would then be served again once it answers; so it is remembered, and when the probe finds Redis
/// back the store first deletes every key of the portal's cache (<see cref="SharedCacheConnection.FlushAsync"/>:
/// by key, not by tag — a store sent while Redis was paused may have reached it without its tags) and only then uses
/// Redis again.
/// </remarks>
public sealed class NodeAwareCacheStore(IOutputCacheStore inner, SharedCacheConnection? redis, PublicationChannel channel, ILogger<NodeAwareCacheStore> logger)
    : IOutputCacheBufferStore
{
    private readonly bool _shared = redis is not null;
    private volatile bool _passedBy;
    private int _missedEviction;

    public bool Shared => _shared;

    /// <summary>Redis is being passed by (unreachable): every page rendered uncached on this node.</summary>
    public bool PassedBy => _passedBy;

    /// <summary>Redis is unreachable (the probe or a failed command says so): pass it by until <see cref="ResumeAsync"/>.</summary>
    public void PassBy(string why)
    {
        if (!_shared || _passedBy) return;
        _passedBy = true;
        logger.LogWarning("The shared output cache (Redis) is unreachable ({Why}): pages are rendered uncached until it answers again", why);
    }

    /// <summary>
    /// Redis answers again: when an eviction was missed meanwhile, every cached page is evicted first (it may be
    /// older than a publication); then the cache is used again. False, still passing by, when that eviction failed.
    /// </summary>
    public async Task<bool> ResumeAsync(CancellationToken ct)
    {
        if (!_passedBy) return true;
        if (Interlocked.Exchange(ref _missedEviction, 0) == 1)
        {
            try { await redis!.FlushAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _missedEviction, 1);
                logger.LogWarning(e, "Redis answers again but evicting what was published meanwhile failed: still passing it by");
                return false;
            }
            logger.LogInformation("Redis answers again: every cached page deleted (something was published while it was unreachable)");
        }
        _passedBy = false;
        logger.LogInformation("The shared output cache (Redis) answers again: pages are cached again");
        return true;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => EvictAsync([tag], cancellationToken);

    /// <summary>
    /// Evicts what a change touched (<see cref="PublishedContent"/>'s tags): waits once for the replica, evicts each tag,
    /// then tells the other nodes with one NOTIFY.
    /// </summary>
    public async ValueTask EvictAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        await channel.ReplicaCaughtUpAsync(cancellationToken);
        foreach (var tag in tags)
        {
            // Redis passed by: evicted as a whole when it is back (ResumeAsync).
            if (_passedBy) { Interlocked.Exchange(ref _missedEviction, 1); break; }
            try { await inner.EvictByTagAsync(tag, cancellationToken); }
            catch (Exception e) when (Unreachable(e))
            {
                Interlocked.Exchange(ref _missedEviction, 1);
                logger.LogError(e, "The shared output cache could not evict {Tag}: every page is evicted when it answers again", tag);
                break;
            }
        }
        await channel.NotifyAsync(tags, cancellationToken);
    }

    /// <summary>
    /// Another node evicted <paramref name="tags"/>: evict them here unless the cache is shared (Redis) — then, if
    /// this node passes Redis by, the other node may not have reached it either: evict everything when it is back.
    /// </summary>
    public async ValueTask EvictedElsewhereAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        if (_shared)
        {
            if (_passedBy) Interlocked.Exchange(ref _missedEviction, 1);
            return;
        }
        foreach (var tag in tags) await inner.EvictByTagAsync(tag, ct);
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (_passedBy) return null;
        try { return await inner.GetAsync(key, cancellationToken); }
        catch (Exception e) when (Unreachable(e)) { return null; }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (_passedBy) return;
        try { await inner.SetAsync(key, value, tags, validFor, cancellationToken); }
        catch (Exception e) when (Unreachable(e)) { }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (_passedBy) return false;
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
        if (_passedBy) return;
        try
        {
            if (inner is IOutputCacheBufferStore buffers) await buffers.SetAsync(key, value, tags, validFor, cancellationToken);
            else await inner.SetAsync(key, value.ToArray(), tags.IsEmpty ? null : tags.ToArray(), validFor, cancellationToken);
        }
        catch (Exception e) when (Unreachable(e)) { }
    }

    /// <summary>
    /// Redis down, unreachable or too slow (only the shared cache fails so): passed by until the probe finds it
    /// answering again (logged once, as it is passed by).
    /// </summary>
    private bool Unreachable(Exception e)
    {
        if (!_shared || e is not (StackExchange.Redis.RedisException or TimeoutException)) return false;
        PassBy($"{e.GetType().Name}: {e.Message}");
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
                var told = System.Threading.Channels.Channel.CreateUnbounded<string[]>();
                conn.Notification += (_, e) =>
                {
                    var (node, tags) = (e.Payload.Split(':', 2)[0], e.Payload.Split(':', 2).ElementAtOrDefault(1)?.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    if (node != channel.Node) told.Writer.TryWrite(tags is { Length: > 0 } ? tags : [PublishedContent.Tag]);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {SeveralNodes.Channel}", conn))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (!first) await RefreshAsync(cache, [PublishedContent.Tag], stoppingToken);
                first = false;
                var waiting = conn.WaitAsync(stoppingToken);
                while (true)
                {
                    await waiting;
                    while (told.Reader.TryRead(out var tags)) await RefreshAsync(cache, tags, stoppingToken);
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

    private async Task RefreshAsync(NodeAwareCacheStore cache, string[] tags, CancellationToken ct)
    {
        PublicLists.Invalidate();
        await cache.EvictedElsewhereAsync(tags, ct);
        logger.LogInformation("Another node published: reference lists and cached pages ({Tags}) refreshed", string.Join(' ', tags));
    }
}

/// <summary>The connection to Redis, made once, shared by the output cache store and <see cref="SharedCacheProbe"/>.</summary>
public sealed class SharedCacheConnection(string configuration)
{
    private readonly Lazy<Task<StackExchange.Redis.IConnectionMultiplexer>> _connection = new(async () =>
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(configuration);
        // A Redis down at start is not a reason not to start (the cache is passed by), and one that comes back
        // is reconnected within a second, not after the client's growing back-off.
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new StackExchange.Redis.LinearRetry(1000);
        return await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
    });

    /// <summary>The prefix of the output cache's keys in Redis (its entries and its tags' sets).</summary>
    public const string InstanceName = "budgetportal:";

    public Task<StackExchange.Redis.IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>Deletes every key of the output cache (SCAN by prefix, deleted a thousand at a time): pages and tags.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var redis = await GetAsync();
        var db = redis.GetDatabase();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            var batch = new List<StackExchange.Redis.RedisKey>(1000);
            await foreach (var key in server.KeysAsync(db.Database, InstanceName + "*", pageSize: 1000).WithCancellation(ct))
            {
                batch.Add(key);
                if (batch.Count == 1000) { await db.KeyDeleteAsync([.. batch]); batch.Clear(); }
            }
            if (batch.Count > 0) await db.KeyDeleteAsync([.. batch]);
        }
    }
}

/// <summary>
/// The health probe of the shared output cache: the connection's failure events pass Redis by at once, and a PING
/// every <c>Redis:ProbeMilliseconds</c> (1,000) with a limit of <c>Redis:ProbeTimeoutMilliseconds</c> (500) decides
/// the rest — two PINGs unanswered in a row (or no connection) pass it by, one answered brings it back
/// (<see cref="NodeAwareCacheStore.ResumeAsync"/>, which first evicts what was missed).
/// </summary>
public sealed class SharedCacheProbe(SharedCacheConnection connection, IOutputCacheStore store, IConfiguration config,
    ILogger<SharedCacheProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cache = (NodeAwareCacheStore)store;
        var every = TimeSpan.FromMilliseconds(config.GetValue("Redis:ProbeMilliseconds", 1000));
        var limit = TimeSpan.FromMilliseconds(config.GetValue("Redis:ProbeTimeoutMilliseconds", 500));
        var redis = await connection.GetAsync();
        redis.ConnectionFailed += (_, e) => cache.PassBy($"{e.ConnectionType} connection failed: {e.FailureType}");
        var unanswered = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var answered = false;
            try
            {
                if (redis.IsConnected)
                {
                    await redis.GetDatabase().PingAsync().WaitAsync(limit, stoppingToken);
                    answered = true;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            // Whatever the client says — a timeout, a lost connection, a PING it cancelled from its backlog — is no answer;
            // the probe itself never stops the portal.
            catch (Exception e)
            {
                logger.LogDebug(e, "Redis did not answer the probe");
            }
            if (answered)
            {
                unanswered = 0;
                if (cache.PassedBy)
                {
                    try { await cache.ResumeAsync(stoppingToken); }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                    catch (Exception e) { logger.LogWarning(e, "Using Redis again failed: still passing it by"); }
                }
            }
            else if (!redis.IsConnected || ++unanswered >= 2)
                cache.PassBy(redis.IsConnected ? $"PING unanswered within {limit.TotalMilliseconds} ms" : "not connected");
            try { await Task.Delay(every, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        logger.LogDebug("Redis probe stopped");
    }
}

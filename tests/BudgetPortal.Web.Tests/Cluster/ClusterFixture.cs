using System.Diagnostics;
using System.Globalization;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BudgetPortal.Web.Tests.Cluster;

/// <summary>
/// <c>./run.sh cluster 3</c> as a person starts it (installing HAProxy and Redis when missing): the balancer,
/// three portal nodes, the primary and its streaming replica, Redis; in a folder of its own, on free ports.
/// Stopped at the end as Ctrl-C stops it (the script stops everything it started).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Password = "Kennwort-2026!ok";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bp-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _script;
    private readonly System.Text.StringBuilder _output = new();

    public Dictionary<string, string> Env { get; } = [];
    public Uri Balancer => new(Env["BALANCER_URL"]);
    public Uri Stats => new(Env["STATS_URL"]);
    public int Nodes => int.Parse(Env["NODES"], CultureInfo.InvariantCulture);
    public Uri Node(int i) => new(Env[$"NODE{i}_URL"]);
    public int NodePid(int i) => int.Parse(Env[$"NODE{i}_PID"], CultureInfo.InvariantCulture);
    /// <summary>How long the script took to serve (set-up, two databases, three nodes, the balancer).</summary>
    public TimeSpan StartTime { get; private set; }

    public string PrimaryOwner => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = int.Parse(Env["PRIMARY_PORT"], CultureInfo.InvariantCulture), Database = "budgetportal",
        Username = "budgetportal_owner", Password = File.ReadAllText(Path.Combine(_dir, "db-owner-password")).Trim(), Pooling = false,
    }.ConnectionString;

    /// <summary>The replica, read as the portal reads it (the application role; a standby refuses writes anyway).</summary>
    public string Replica => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = int.Parse(Env["REPLICA_PORT"], CultureInfo.InvariantCulture), Database = "budgetportal",
        Username = "budgetportal_app", Password = File.ReadAllText(Path.Combine(_dir, "db-app-password")).Trim(), Pooling = false,
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        var started = Stopwatch.StartNew();
        var info = new ProcessStartInfo(Path.Combine(Repo.Root, "run.sh"), ["cluster", "3"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root,
        };
        info.Environment["CLUSTER_DIR"] = _dir;
        // The suite has built the portal (test.sh); the balancer on a free port, whatever PORT says.
        info.Environment["CLUSTER_NO_BUILD"] = "1";
        info.Environment.Remove("PORT");
        info.Environment["Admin__InitialPassword"] = "Erst-Passwort#2026";
        // A job whose node died is taken again when its lease runs out: a short lease, a runner that looks every second.
        info.Environment["Jobs__LeaseSeconds"] = "8";
        info.Environment["Jobs__PollSeconds"] = "1";
        // The test asks uncached pages faster than one person would (the limit per address has its own tests).
        info.Environment["Public__UncachedRequestsPerMinute"] = "100000";
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        _script = Process.Start(info)!;
        _script.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _script.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
        var envFile = Path.Combine(_dir, "cluster.env");
        while (!File.Exists(envFile))
        {
            if (_script.HasExited) throw new InvalidOperationException($"./run.sh cluster exited ({_script.ExitCode}):\n{Output}");
            if (started.Elapsed > TimeSpan.FromMinutes(4)) throw new TimeoutException($"./run.sh cluster not ready after 4 minutes:\n{Output}");
            await Task.Delay(250);
        }
        foreach (var line in await File.ReadAllLinesAsync(envFile))
            if (line.Split('=', 2) is [var key, var value]) Env[key] = value;
        StartTime = started.Elapsed;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    private Process? _redisAgain;

    /// <summary>Redis's process: the script's, or the one <see cref="StartRedisAgainAsync"/> started.</summary>
    public int RedisPid => _redisAgain?.Id ?? int.Parse(Env["REDIS_PID"], CultureInfo.InvariantCulture);

    /// <summary>Starts Redis again as the script started it (its configuration, its port; empty: it keeps nothing on disk), once it is accepting connections.</summary>
    public async Task StartRedisAgainAsync()
    {
        _redisAgain = Process.Start(new ProcessStartInfo("redis-server", [Env["REDIS_CONF"]]) { UseShellExecute = false })!;
        var port = int.Parse(Env["REDIS_PORT"], CultureInfo.InvariantCulture);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"Redis did not start again on port {port}");
    }

    /// <summary>Sends a signal to Redis (STOP pauses it: connections stay open, nothing answers; CONT resumes it).</summary>
    public async Task SignalRedisAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, RedisPid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>A person with a role (and for an officer, departments), made as an administrator's form makes them.</summary>
    public async Task CreateUserAsync(string userName, string role, params int[] departmentIds)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<BudgetDbContext>(o => o.UseNpgsql(PrimaryOwner));
        services.AddIdentityCore<PortalUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<BudgetDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = userName, DisplayName = "集群" + userName, LockoutEnabled = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        foreach (var id in departmentIds) db.UserDepartments.Add(new UserDepartment { UserId = user.Id, DepartmentId = id });
        await db.SaveChangesAsync();
    }

    public BudgetDbContext NewDbContext() => new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(PrimaryOwner).Options);

    /// <summary>HAProxy's view of a node: UP, DOWN (health checks failed), …, from its statistics (CSV).</summary>
    public async Task<string> BalancerStatusAsync(HttpClient http, int node)
    {
        var csv = await http.GetStringAsync(new Uri(Stats, ";csv"));
        var header = csv.Split('\n')[0].TrimStart('#', ' ').Split(',');
        var status = Array.IndexOf(header, "status");
        var row = csv.Split('\n').Select(l => l.Split(',')).Single(r => r.Length > status && r[0] == "nodes" && r[1] == $"node{node}");
        return row[status];
    }

    public async Task DisposeAsync()
    {
        // The Redis started again is the test's own (the script stops the one it started).
        if (_redisAgain is { HasExited: false })
        {
            await SignalRedisAsync("CONT");
            _redisAgain.Kill();
            await _redisAgain.WaitForExitAsync();
        }
        _redisAgain?.Dispose();
        if (_script is { HasExited: false })
        {
            // As Ctrl-C: the script's trap stops the nodes, the balancer, Redis and both databases.
            using (var term = Process.Start("kill", ["-TERM", _script.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await _script.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _script.Kill(entireProcessTree: true); }
        }
        _script?.Dispose();
        // BUDGET_KEEP_CLUSTER=1 keeps the folder, with every node's log, to read after a failure.
        if (Environment.GetEnvironmentVariable("BUDGET_KEEP_CLUSTER") is null) try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

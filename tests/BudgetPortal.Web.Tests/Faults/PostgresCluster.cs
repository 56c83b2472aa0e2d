using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own, which it may stop and start: run by the helpers of
/// .ci/common.sh (ensure_postgres, start_cluster, stop_cluster), so it is the same server, started
/// the same way (as the postgres user when root) with the same authentication as ./test.sh's.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Options = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100";

    private PostgresCluster(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }

    /// <summary>The superuser over the cluster's Unix socket (what BUDGET_TEST_POSTGRES is under ./test.sh).</summary>
    public string Server => $"Host={Directory};Port={Port};Username=postgres";

    public static async Task<PostgresCluster> StartAsync()
    {
        // Short: a Unix socket's path has at most 107 bytes.
        var directory = Path.Combine("/tmp", "bp-fault-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new PostgresCluster(directory, FreePort());
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>start_cluster: initdb the first time, then start and wait until it accepts connections.</summary>
    public Task StartAgainAsync() => RunAsync($"start_cluster \"$1\" {Port} \"{Options}\"");

    /// <summary>stop_cluster: a fast shutdown (sessions are ended, as by a restart or a crash of the server).</summary>
    public Task StopAsync() => RunAsync("stop_cluster \"$1\"");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var a in new[] { "-c", $"set -e; source .ci/common.sh; ensure_postgres; {command}", "cluster", Directory }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

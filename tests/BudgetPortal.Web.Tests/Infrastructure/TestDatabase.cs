using Npgsql;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>
/// A fresh database on the throwaway PostgreSQL server that ./test.sh starts
/// (BUDGET_TEST_POSTGRES). Dropped again when the fixture is disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static string Server =>
        Environment.GetEnvironmentVariable("BUDGET_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "BUDGET_TEST_POSTGRES is not set: run ./test.sh, which starts a throwaway PostgreSQL, " +
            "or set it to a server connection string such as Host=127.0.0.1;Port=5432;Username=postgres.");

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Server;
        var name = "bp_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new TestDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

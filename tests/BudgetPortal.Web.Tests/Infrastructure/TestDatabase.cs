using BudgetPortal.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>
/// A fresh database on the throwaway PostgreSQL server that ./test.sh starts
/// (BUDGET_TEST_POSTGRES, the superuser over the private Unix socket). Owned by the owner role,
/// which migrates it; the portal and the tests' own contexts connect as the application role over
/// TCP with its password, as the portal does under run.sh (docs/decisions/0010). Dropped again
/// when the fixture is disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // Cluster-wide roles shared by every test database of the throwaway cluster; the passwords only
    // ever guard that cluster, which accepts connections on 127.0.0.1 alone.
    public const string OwnerRole = "bp_test_owner";
    public const string AppRole = "bp_test_app";
    private const string OwnerPassword = "bp-test-owner-5b1c";
    private const string AppPassword = "bp-test-app-9e2f";

    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        SuperuserConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
        ConnectionString = RoleConnection(server, name, AppRole, AppPassword);
        OwnerConnectionString = RoleConnection(server, name, OwnerRole, OwnerPassword);
    }

    public string Name { get; }
    /// <summary>The application role's connection: what the portal uses (ConnectionStrings:Budget).</summary>
    public string ConnectionString { get; }
    /// <summary>The owner role's connection: migrations only (ConnectionStrings:BudgetOwner).</summary>
    public string OwnerConnectionString { get; }
    /// <summary>The superuser's, over the Unix socket: for what only a superuser may do.</summary>
    public string SuperuserConnectionString { get; }

    /// <summary>What the portal reads: the application role's and the owner's connection.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectionStrings:Budget", ConnectionString),
        new("ConnectionStrings:BudgetOwner", OwnerConnectionString),
    ];

    public static string Server =>
        Environment.GetEnvironmentVariable("BUDGET_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "BUDGET_TEST_POSTGRES is not set: run ./test.sh, which starts a throwaway PostgreSQL, " +
            "or set it to a superuser's connection string such as Host=/path/to/socket/dir;Port=5432;Username=postgres.");

    /// <summary>The roles over TCP with their passwords (the cluster refuses TCP without one).</summary>
    private static string RoleConnection(string server, string database, string role, string password)
    {
        var b = new NpgsqlConnectionStringBuilder(server) { Database = database, Username = role, Password = password, Pooling = true };
        if (b.Host is { } host && host.StartsWith('/')) b.Host = "127.0.0.1";
        return b.ConnectionString;
    }

    /// <summary>
    /// A fresh database on BUDGET_TEST_POSTGRES, migrated and with the seeds loaded: a copy of the
    /// run's template (<see cref="SeededTemplate"/>), made in a fraction of a second instead of
    /// migrating and seeding every fixture's database anew.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Server;
        var template = await SeededTemplate.NameAsync(server);
        return await CreateDatabaseAsync(server, template);
    }

    /// <summary>
    /// An empty database (no schema, no seeds) on the given server or BUDGET_TEST_POSTGRES: for what
    /// must start from nothing, as a portal's first start does (Faults/ runs it on a cluster of its own).
    /// </summary>
    public static Task<TestDatabase> CreateEmptyAsync(string? onServer = null) => CreateDatabaseAsync(onServer ?? Server, template: null);

    private static async Task<TestDatabase> CreateDatabaseAsync(string server, string? template)
    {
        var name = "bp_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var conn = await OpenMaintenanceAsync(server);
        await EnsureRolesAsync(conn);
        var from = template is null ? "" : $" TEMPLATE \"{template}\"";
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER {OwnerRole}{from}", conn);
        await cmd.ExecuteNonQueryAsync();
        return new TestDatabase(server, name);
    }

    /// <summary>The superuser's connection to the cluster's maintenance database.</summary>
    internal static async Task<NpgsqlConnection> OpenMaintenanceAsync(string server)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    internal static async Task EnsureRolesAsync(NpgsqlConnection conn)
    {
        await CreateRoleAsync(conn, OwnerRole, OwnerPassword);
        await CreateRoleAsync(conn, AppRole, AppPassword);
    }

    /// <summary>A database of the given name (the template while it is built); not dropped on dispose by anyone but its maker.</summary>
    internal static TestDatabase Named(string server, string name) => new(server, name);

    /// <summary>
    /// Roles belong to the whole cluster, and fixtures start in parallel: whoever comes second finds
    /// the role there (duplicate_object) or loses the race on the catalog's unique index
    /// (unique_violation); either way the role exists, with this password.
    /// </summary>
    private static async Task CreateRoleAsync(NpgsqlConnection conn, string role, string password)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", conn) { Parameters = { new() { Value = role } } };
        if (await exists.ExecuteScalarAsync() is not null) return;
        try
        {
            await using var create = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}'", conn);
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    /// <summary>Migrates as the owner and grants the application role its rights, as the portal does at start.</summary>
    public async Task MigrateAsync()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        await DatabaseSetup.MigrateAsync(config, NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = await OpenMaintenanceAsync(_server);
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

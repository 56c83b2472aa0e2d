using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using BudgetPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>
/// The database every fixture starts from: migrated by the owner role and seeded by the real loader
/// as the application role, once per test server, then copied with <c>CREATE DATABASE … TEMPLATE</c>
/// (a file copy inside PostgreSQL) for each fixture. Its name carries a hash of what made it — the
/// compiled schema, grants and loader, and the seed files — so a changed migration or seed builds a
/// new one, and an unchanged one is reused by the next run on the same server.
/// </summary>
public static class SeededTemplate
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    /// <summary>The template's name on this server, built the first time a fixture asks.</summary>
    public static Task<string> NameAsync(string server) =>
        Templates.GetOrAdd(server, s => new Lazy<Task<string>>(() => BuildAsync(s))).Value;

    private static async Task<string> BuildAsync(string server)
    {
        var name = "bp_tpl_" + Fingerprint();
        await using (var conn = await TestDatabase.OpenMaintenanceAsync(server))
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
            if (await exists.ExecuteScalarAsync() is not null) return name;
        }

        var building = await TestDatabase.CreateEmptyAsync(server);
        try
        {
            await building.MigrateAsync();
            await using (var db = new BudgetDbContext(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(building.ConnectionString).Options))
                await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(Repo.Seeds);
            // A template is copied only while nobody is connected to it.
            NpgsqlConnection.ClearAllPools();
            await using var conn = await TestDatabase.OpenMaintenanceAsync(server);
            await using var rename = new NpgsqlCommand($"ALTER DATABASE \"{building.Name}\" RENAME TO \"{name}\"", conn);
            await rename.ExecuteNonQueryAsync();
            await DropStaleAsync(conn, name);
            return name;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another test process on the same server finished the same template first.
            await building.DisposeAsync();
            return name;
        }
        catch
        {
            await building.DisposeAsync();
            throw;
        }
    }

    /// <summary>Templates of earlier builds left on a developer's long-lived server; one in use stays.</summary>
    private static async Task DropStaleAsync(NpgsqlConnection conn, string current)
    {
        var stale = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'bp\\_tpl\\_%' AND datname <> $1", conn) { Parameters = { new() { Value = current } } })
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stale.Add(reader.GetString(0));
        foreach (var old in stale)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{old}\"", conn);
                await drop.ExecuteNonQueryAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
            }
        }
    }

    /// <summary>What the template depends on: the assemblies that migrate, grant and load, and every seed file.</summary>
    private static string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var assembly in new[] { typeof(BudgetDbContext).Assembly, typeof(DatabaseSetup).Assembly, typeof(Domain.DomainException).Assembly })
            hash.AppendData(assembly.ManifestModule.ModuleVersionId.ToByteArray());
        foreach (var file in Directory.GetFiles(Repo.Seeds, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(Repo.Seeds, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}

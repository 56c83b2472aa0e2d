using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>Applies migrations and loads the seeds if absent (both on by default; see appsettings).</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, IConfiguration config, IWebHostEnvironment env)
    {
        await using var scope = services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<BudgetDbContext>>();
        if (config.GetValue("Database:Migrate", true))
        {
            await MigrateAsync(config, log);
        }
        if (config.GetValue("Seeds:Load", true))
        {
            var folder = SeedsFolder.Find(config["Seeds:Path"], env.ContentRootPath, AppContext.BaseDirectory);
            if (folder is null)
                log.LogWarning("No seeds folder found; set Seeds:Path to load the seed disclosures");
            else
                await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(folder);
        }
        // Versions published before the public lists' summaries existed get theirs (issue 15).
        var summarised = await PublishedSummary.AddMissingAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>());
        if (summarised > 0) log.LogInformation("Summarised {Count} published versions for the public lists", summarised);
        // And their compliance facts (issue 17).
        var facts = await ComplianceFacts.AddMissingAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>());
        if (facts > 0) log.LogInformation("Recorded the compliance facts of {Count} published versions", facts);
        // Latest versions published before the job queue existed, or whose PDFs are missing, get their job.
        var queued = await BudgetPortal.Data.Jobs.JobQueue.AddMissingAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>());
        if (queued > 0) log.LogInformation("Queued {Count} published versions without stored PDFs for printing", queued);
    }

    /// <summary>
    /// Migrates as the schema's owner (ConnectionStrings:BudgetOwner) and grants the portal's role
    /// (the user of ConnectionStrings:Budget) what it needs, and no more; without an owner connection,
    /// migrates with the portal's own connection (an external database whose user owns the schema).
    /// </summary>
    public static async Task MigrateAsync(IConfiguration config, ILogger log)
    {
        var app = config.GetConnectionString("Budget")
            ?? throw new InvalidOperationException("ConnectionStrings:Budget is not configured (set ConnectionStrings__Budget).");
        var owner = config.GetConnectionString("BudgetOwner");
        // The owner's connection is not pooled: it is not left open beside the portal's after start.
        await using var db = new BudgetDbContext(new DbContextOptionsBuilder<BudgetDbContext>()
            .UseNpgsql(string.IsNullOrEmpty(owner) ? app : new NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString).Options);
        await db.Database.MigrateAsync();
        var appRole = new NpgsqlConnectionStringBuilder(app).Username;
        if (!string.IsNullOrEmpty(owner) && !string.IsNullOrEmpty(appRole)
            && appRole != new NpgsqlConnectionStringBuilder(owner).Username)
        {
            await GrantAsync(db, appRole);
            log.LogInformation("Database migrated as its owner; rights granted to {Role}", appRole);
        }
        else
        {
            log.LogInformation("Database migrated");
        }
    }

    /// <summary>
    /// The portal's role reads and writes rows and nothing else: no TRUNCATE, no TRIGGER, no REFERENCES,
    /// no DDL (it owns nothing), so it can neither disable nor get around the triggers that keep
    /// published data immutable. The append-only tables (the audit log, the stored PDFs, the checks
    /// frozen at publication, the sign-in keys) are not even granted UPDATE or DELETE. Run after every migration, so a
    /// new table is covered; the default privileges cover tables the owner creates by hand.
    /// </summary>
    private static async Task GrantAsync(BudgetDbContext db, string appRole)
    {
        // A role name cannot be a parameter; it is quoted as an identifier.
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(appRole);
        var grants = $"""
            DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO {role.Replace("'", "''", StringComparison.Ordinal)}', current_database()); END $$;
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM {role};
            REVOKE UPDATE, DELETE ON audit_log, disclosure_pdfs, published_files, year_package_parts, published_checks, compliance_facts FROM {role};
            REVOKE DELETE ON published_summaries FROM {role};
            REVOKE UPDATE, DELETE ON data_protection_keys FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};
            """;
        // One transaction: a portal already serving never sees its role between the REVOKE and the GRANT.
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync(grants);
        await tx.CommitAsync();
    }
}

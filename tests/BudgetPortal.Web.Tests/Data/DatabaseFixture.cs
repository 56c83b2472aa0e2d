using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BudgetPortal.Web.Tests.Data;

/// <summary>A migrated database of its own with the seeds loaded through the real loader.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public BudgetDbContext NewDbContext() =>
        new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(Database.ConnectionString).Options);

    public SeedLoader NewLoader(BudgetDbContext db) => new(db, NullLogger<SeedLoader>.Instance);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await Database.MigrateAsync();
        // The seeds go in as the application role, as the portal loads them.
        await using var db = NewDbContext();
        await NewLoader(db).LoadAsync(Repo.Seeds);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

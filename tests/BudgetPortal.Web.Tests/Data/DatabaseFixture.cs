using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BudgetPortal.Web.Tests.Data;

/// <summary>A migrated database of its own with the seeds loaded through the real loader (a copy of <see cref="SeededTemplate"/>).</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public BudgetDbContext NewDbContext() =>
        new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(Database.ConnectionString).Options);

    public SeedLoader NewLoader(BudgetDbContext db) => new(db, NullLogger<SeedLoader>.Instance);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

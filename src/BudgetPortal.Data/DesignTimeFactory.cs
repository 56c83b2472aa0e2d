using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BudgetPortal.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without the web host; it never connects.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BudgetDbContext>
{
    public BudgetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BudgetDbContext>()
            .UseNpgsql("Host=localhost;Database=design_time_only")
            .Options);
}

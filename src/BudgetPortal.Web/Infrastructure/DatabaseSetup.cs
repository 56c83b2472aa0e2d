using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>Applies migrations and loads the seeds if absent (both on by default; see appsettings).</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, IConfiguration config, IWebHostEnvironment env)
    {
        await using var scope = services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<BudgetDbContext>>();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        if (config.GetValue("Database:Migrate", true))
        {
            await db.Database.MigrateAsync();
            log.LogInformation("Database migrated");
        }
        if (config.GetValue("Seeds:Load", true))
        {
            var folder = SeedsFolder.Find(config["Seeds:Path"], env.ContentRootPath, AppContext.BaseDirectory);
            if (folder is null)
            {
                log.LogWarning("No seeds folder found; set Seeds:Path to load the seed disclosures");
                return;
            }
            await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(folder);
        }
    }
}

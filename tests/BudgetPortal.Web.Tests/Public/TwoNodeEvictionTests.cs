using System.Diagnostics;
using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// Two portal nodes on one database, each with its output cache in its own memory (no Redis), told of each other's
/// publications by PostgreSQL's NOTIFY (<c>Publication:NotifyNodes</c>): a publication on the first evicts on the
/// second exactly the tags it evicts at home — the department's pages are new there, another department's stay cached.
/// </summary>
public sealed class TwoNodeEvictionTests(TwoNodeEvictionTests.Fixture nodes) : IClassFixture<TwoNodeEvictionTests.Fixture>
{
    /// <summary>Node 1 (this fixture) and node 2 (<see cref="Second"/>), on node 1's database.</summary>
    public sealed class Fixture() : WorkspaceFixture(("Publication:NotifyNodes", "true"))
    {
        public PortalFixture Second { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await CreateUserAsync("node-reviewer", PortalRoles.Reviewer);
            Second = new SecondNode(Database.Name);
            await ((IAsyncLifetime)Second).InitializeAsync();
        }

        protected override async Task DisposedAsync()
        {
            if (Second is not null) await ((IAsyncLifetime)Second).DisposeAsync();
        }
    }

    /// <summary>A second portal process on an existing database: it neither migrates nor loads the seeds (as cluster.sh's nodes 2…N).</summary>
    private sealed class SecondNode(string database) : PortalFixture(("Publication:NotifyNodes", "true"), ("Database:Migrate", "false"), ("Seeds:Load", "false"))
    {
        // Node 1's database is node 1's to drop: this fixture's own is a name that never exists (dropped IF EXISTS).
        protected override Task<TestDatabase> CreateDatabaseAsync() =>
            Task.FromResult(TestDatabase.Named(TestDatabase.Server, "bp_test_none_" + Guid.NewGuid().ToString("N")[..12]));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in TestDatabase.Named(TestDatabase.Server, database).Settings) builder.UseSetting(key, value);
        }
    }

    [Fact]
    public async Task APublicationOnOneNodeEvictsOnlyItsDepartmentOnTheOther()
    {
        var second = nodes.Second.Http;
        // The year's ranking is evicted by the publication's NOTIFY alone (the PDFs stored after it evict only the department).
        const string Other = "/departments/dkyj/2024", Published = "/departments/jjxz/2025", Year = "/compare/2025";
        foreach (var path in new[] { Other, Published, Year })
        {
            await CachedAsync(second, path);
            Assert.True(await CachedAsync(second, path), $"{path} is not cached on node 2");
        }

        var draft = await CorrectionSubmittedAsync();
        using (var reviewer = await nodes.LoginAsync("node-reviewer"))
            await WorkspaceSteps.PublishAsync(reviewer, draft);

        // Node 2 hears of it (NOTIFY) within moments: the year's ranking and the department's page are rendered again there,
        // the page with the new version.
        var told = Stopwatch.StartNew();
        while (await CachedAsync(second, Year))
        {
            Assert.True(told.Elapsed < TimeSpan.FromSeconds(20), $"{Year} still cached on node 2 {told.Elapsed.TotalSeconds:0.0} s after the publication");
            await Task.Delay(200);
        }
        Assert.Contains("第 2 版", await second.GetStringAsync(Published));
        Assert.True(await CachedAsync(second, Other), $"{Other} was evicted on node 2 by a publication of another department");
    }

    private static async Task<bool> CachedAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync();
        return response.Headers.Age is not null;
    }

    /// <summary>Version 2 of jjxz's 2025, the same content with a reason, submitted for review.</summary>
    private async Task<int> CorrectionSubmittedAsync()
    {
        await using var db = nodes.NewDbContext();
        var v1 = await db.Disclosures.AsSplitQuery().Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes).ThenInclude(n => n.Lines).Include(d => d.Notes).ThenInclude(n => n.Figures)
            .Include(d => d.PerformanceSheets).ThenInclude(s => s.Indicators).Include(d => d.Lines)
            .SingleAsync(d => d.Department.Code == "jjxz" && d.FiscalYear == 2025 && d.Status == DisclosureStatus.Published);
        var v2 = v1.StartCorrection("两个节点的更正");
        db.Disclosures.Add(v2);
        v2.Submit(DateTimeOffset.UtcNow, blockingErrors: 0);
        await db.SaveChangesAsync();
        return v2.Id;
    }
}

using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// Which database a request reads (issue 15, <see cref="SeveralNodes.ConnectionString"/>): a portal whose
/// <c>ConnectionStrings:BudgetReplica</c> names a second database (a copy of the first, as a streaming replica is),
/// and, for each request, the database the portal's contexts opened and queried. Anonymous GET and HEAD of public
/// pages, downloads and the API read the replica; signed-in people, forms, the accounts, the workspace, the
/// administration, the print view, the health check and PDFs read the primary.
/// </summary>
public sealed class ReplicaRoutingTests(ReplicaRoutingTests.Fixture portal) : IClassFixture<ReplicaRoutingTests.Fixture>
{
    /// <summary>The portal on one database, its replica setting naming another.</summary>
    public sealed class Fixture : WorkspaceFixture
    {
        public TestDatabase Replica { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Replica = await TestDatabase.CreateAsync();
            await base.InitializeAsync();
            await CreateUserAsync("replica-reviewer", PortalRoles.Reviewer);
            // Reviews and administers: every signed-in page below is open to them.
            await CreateUserAsync("replica-admin", PortalRoles.Administrator);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:BudgetReplica", Replica.ConnectionString);
        }

        protected override async Task DisposedAsync()
        {
            if (Replica is not null) await Replica.DisposeAsync();
        }
    }

    public static TheoryData<string, string> Anonymous => new()
    {
        // Public pages, downloads, the API, the 公开情况: the replica.
        { "GET /", "replica" }, { "GET /?q=经济协作", "replica" }, { "GET /departments/jjxz", "replica" },
        { "GET /departments/jjxz/2025", "replica" }, { "HEAD /departments/jjxz/2025", "replica" },
        { "GET /departments/jjxz/2025/checks", "replica" }, { "GET /departments/jjxz/2025/versions", "replica" },
        { "GET /departments/jjxz/2025/tables/3.csv", "replica" }, { "GET /departments/jjxz/2025.xlsx", "replica" },
        { "GET /compare/2025", "replica" }, { "GET /downloads/2025.zip", "replica" }, { "GET /classification/2025", "replica" },
        { "GET /api/v1/departments", "replica" }, { "GET /api/v1/disclosures/jjxz/2025", "replica" },
        // PDFs (read where they are stored at once), the print view, the health check: the primary.
        { "GET /departments/nosuch/2025.pdf", "primary" }, { "GET /print/disclosures/{id}", "primary" }, { "GET /healthz", "primary" },
    };

    [Theory]
    [MemberData(nameof(Anonymous))]
    public async Task AnAnonymousRequestReads(string request, string expected)
    {
        var (method, path) = (request.Split(' ')[0], request.Split(' ')[1].Replace("{id}", (await PublishedIdAsync()).ToString()));
        HttpRequestMessage Request()
        {
            // An Authorization header passes the output cache (a page it answered would read no database), nothing else:
            // the portal signs in by cookie only.
            var message = new HttpRequestMessage(new HttpMethod(method), path);
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "uncached");
            return message;
        }
        // Asked once first: what a node keeps in memory (the reference lists, read from the primary) is read then, and
        // a download's files or the year zip's parts are made (on the primary, by the request's job) …
        using (var first = await portal.Http.SendAsync(Request())) await first.Content.ReadAsByteArrayAsync();
        // … and replayed on the replica, as streaming replication would (the second database is only a copy).
        await ReplicateStoredFilesAsync();
        // The reference lists are read again from the primary, outside the request, after any publication in this process
        // (PublicLists' generation is process-wide, and other test classes publish meanwhile): such a read falls in a
        // request now and then, "primary+replica". Asked again then; a request routed wrongly never reads one database alone.
        var read = await DatabaseOfAsync(() => portal.Http.SendAsync(Request()));
        for (var again = 0; again < 3 && read == "primary+replica"; again++) read = await DatabaseOfAsync(() => portal.Http.SendAsync(Request()));
        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task SigningInReadsThePrimary()
    {
        using var session = portal.NewSession();
        Assert.Equal("primary", await DatabaseOfAsync(() => session.LoginAsync("replica-reviewer", WorkspaceFixture.Password)));
    }

    [Theory]
    [InlineData("/departments/jjxz/2025")]
    [InlineData("/api/v1/disclosures/jjxz/2025")]
    [InlineData("/departments/jjxz/2025/tables/3.csv")]
    [InlineData("/workspace")]
    [InlineData("/workspace/compliance/2025")]
    [InlineData("/admin/departments")]
    public async Task ASignedInPersonReadsThePrimary(string path)
    {
        using var administrator = await portal.LoginAsync("replica-admin");
        Assert.Equal("primary", await DatabaseOfAsync(() => administrator.GetAsync(path)));
    }

    /// <summary>The rule itself, case by case (the HTTP tests above show it is the one the portal applies).</summary>
    [Theory]
    [InlineData("GET", "/", false, true)]
    [InlineData("HEAD", "/departments/jjxz/2025", false, true)]
    [InlineData("GET", "/departments/jjxz/2025/tables/3.csv", false, true)]
    [InlineData("GET", "/departments/jjxz/2025.xlsx", false, true)]
    [InlineData("GET", "/downloads/2025.zip", false, true)]
    [InlineData("GET", "/api/v1/disclosures/jjxz/2025", false, true)]
    [InlineData("GET", "/compliance/2025", false, true)]
    [InlineData("GET", "/departments/jjxz/2025", true, false)]
    [InlineData("POST", "/departments/jjxz/2025", false, false)]
    [InlineData("GET", "/account/login", false, false)]
    [InlineData("GET", "/workspace", false, false)]
    [InlineData("GET", "/admin/users", false, false)]
    [InlineData("GET", "/print/disclosures/1", false, false)]
    [InlineData("GET", "/healthz", false, false)]
    [InlineData("GET", "/departments/jjxz/2025.pdf", false, false)]
    [InlineData("GET", "/departments/jjxz/2025/tables/3.PDF", false, false)]
    public void TheRuleOfTheReplica(string method, string path, bool signedIn, bool replica)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        if (signedIn) http.Request.Headers.Cookie = "budgetportal.auth=x";
        Assert.Equal(replica, SeveralNodes.ToleratesLag(http.Request));
    }

    /// <summary>
    /// Runs <paramref name="request"/> and says which database the portal's contexts queried meanwhile (QueryCounter per database):
    /// "primary", "replica", or both names when both were (never expected).
    /// </summary>
    private async Task<string> DatabaseOfAsync(Func<Task<HttpResponseMessage>> request)
    {
        using var primary = new QueryCounter(portal.Database.Name);
        using var replica = new QueryCounter(portal.Replica.Name);
        using (var response = await request())
        {
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        }
        var used = new[] { ("primary", primary.Count), ("replica", replica.Count) }
            .Where(d => d.Item2 > 0).Select(d => d.Item1).ToList();
        return used.Count == 0 ? "neither" : string.Join("+", used);
    }

    /// <summary>What the primary made once for downloads (stored files, the year zip's parts) that the replica's copy lacks, copied to it.</summary>
    private async Task ReplicateStoredFilesAsync()
    {
        await using var primary = portal.NewDbContext();
        await using var replica = new BudgetPortal.Data.BudgetDbContext(new DbContextOptionsBuilder<BudgetPortal.Data.BudgetDbContext>()
            .UseNpgsql(portal.Replica.ConnectionString).Options);
        var files = await replica.PublishedFiles.Select(f => f.DisclosureId).Distinct().ToListAsync();
        replica.PublishedFiles.AddRange(await primary.PublishedFiles.AsNoTracking().Where(f => !files.Contains(f.DisclosureId)).ToListAsync());
        var parts = await replica.YearPackageParts.Select(p => p.DisclosureId).ToListAsync();
        replica.YearPackageParts.AddRange(await primary.YearPackageParts.AsNoTracking().Where(p => !parts.Contains(p.DisclosureId)).ToListAsync());
        await replica.SaveChangesAsync();
    }

    private async Task<int> PublishedIdAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Disclosures.Where(d => d.Department.Code == "jjxz" && d.FiscalYear == 2025).Select(d => d.Id).FirstAsync();
    }
}

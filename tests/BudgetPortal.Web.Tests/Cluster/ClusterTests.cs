using System.Diagnostics;
using System.Globalization;
using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace BudgetPortal.Web.Tests.Cluster;

/// <summary>
/// Several web nodes on existing engines (issue 15): one journey through the cluster <c>./run.sh cluster</c> starts,
/// in order, because its last steps kill nodes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const string Code = "cluster-a";
    private const string Name = "集群测试甲单位";
    private const string PrintedCode = "cluster-b";
    private const string PrintedName = "集群测试乙单位";
    private const string ThirdName = "集群测试丙单位";
    private const string FourthName = "集群测试丁单位";

    [Fact]
    public async Task ThreeNodesShareSessionsPublicationsAndSurviveTheLossOfANode()
    {
        output.WriteLine($"cluster started in {cluster.StartTime.TotalSeconds:0.0} s");
        var clock = Stopwatch.StartNew();
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        // Two submitted drafts of departments of our own, and their reviewer.
        var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        doc.SignOff.Name = Name;
        var id = await SubmittedAsync(Code, Name, doc);
        var printed = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        printed.SignOff.Name = PrintedName;
        var printedId = await SubmittedAsync(PrintedCode, PrintedName, printed);
        // Two more, published while Redis is down and while it is paused.
        var third = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        third.SignOff.Name = ThirdName;
        var thirdId = await SubmittedAsync("cluster-c", ThirdName, third);
        var fourth = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        fourth.SignOff.Name = FourthName;
        var fourthId = await SubmittedAsync("cluster-d", FourthName, fourth);
        await cluster.CreateUserAsync("cluster-reviewer", PortalRoles.Reviewer);

        // 1. Signed in through node 1, the same browser stays signed in on nodes 2 and 3 (one key ring, in PostgreSQL).
        using var onNode1 = new FormSession(cluster.Node(1));
        using (var login = await onNode1.LoginAsync("cluster-reviewer", ClusterFixture.Password))
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var sessions = new List<FormSession> { onNode1 };
        for (var i = 2; i <= cluster.Nodes; i++)
        {
            var session = new FormSession(cluster.Node(i));
            session.Cookies.Add(onNode1.Cookies.GetAllCookies());
            sessions.Add(session);
            var workspace = await session.PageAsync("/workspace");
            Assert.Equal("集群cluster-reviewer", workspace.QuerySelector("header .user-name")?.TextContent);
        }

        // Every node's public pages before: the home page (cached in Redis) with the seeds' last publication, no hit for the name.
        var before = new List<string>();
        for (var i = 1; i <= cluster.Nodes; i++)
        {
            before.Add(await PageTextAsync(anonymous, cluster.Node(i), "/", ".published-on"));
            Assert.Contains("没有找到", await PageTextAsync(anonymous, cluster.Node(i), "/?q=" + Uri.EscapeDataString(Name), ".no-results"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anonymous, new Uri(cluster.Node(i), $"/departments/{Code}/{doc.FiscalYear}")));
        }

        output.WriteLine($"signed in on every node: {clock.Elapsed.TotalSeconds:0.0} s");
        // 2. Published on node 2 with the form's token from node 3's page (the antiforgery keys are shared too).
        var confirmation = await sessions[2].PageAsync($"/workspace/disclosures/{id}?handler=ConfirmPublish");
        using (var published = await sessions[1].PostAsync(FormSession.Form(confirmation, "确认发布"), [], "确认发布"))
            Assert.True(published.StatusCode == HttpStatusCode.Redirect, $"确认发布 on node 2 → {(int)published.StatusCode}");
        DateTimeOffset publishedAt;
        await using (var db = cluster.NewDbContext())
        {
            var disclosure = await db.Disclosures.SingleAsync(d => d.Id == id);
            Assert.Equal(DisclosureStatus.Published, disclosure.Status);
            publishedAt = disclosure.PublishedAt!.Value;
        }
        output.WriteLine($"published: {clock.Elapsed.TotalSeconds:0.0} s");
        var lastPublished = publishedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy 年 M 月 d 日", CultureInfo.InvariantCulture);

        // The reviewer reads it at once on every node (signed in: the primary, read-your-writes) …
        foreach (var session in sessions)
            Assert.Contains(Name, (await session.PageAsync($"/departments/{Code}/{doc.FiscalYear}")).QuerySelector("h1")!.TextContent);
        // … and so does everyone (anonymous: the replica, caught up before the eviction): the page, the search, and the
        // home page's last publication (the reference lists each node keeps in memory, refreshed through NOTIFY).
        for (var i = 1; i <= cluster.Nodes; i++)
        {
            Assert.Contains(Name, await PageTextAsync(anonymous, cluster.Node(i), $"/departments/{Code}/{doc.FiscalYear}", "h1"));
            Assert.Contains(Name, await PageTextAsync(anonymous, cluster.Node(i), "/?q=" + Uri.EscapeDataString(Name), "main"));
            var home = await PageTextAsync(anonymous, cluster.Node(i), "/", ".published-on");
            Assert.Contains(lastPublished, home);
            if (!before[i - 1].Contains(lastPublished, StringComparison.Ordinal)) Assert.NotEqual(before[i - 1], home);
        }
        // The anonymous pages came from the replica: a hot standby, with the publication, and the portal's
        // connections (kept in each node's pool) are there — the test's own is the only other one.
        await using (var replica = new NpgsqlConnection(cluster.Replica))
        {
            await replica.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT pg_is_in_recovery(), (SELECT status FROM disclosures WHERE id = @id),
                       (SELECT count(*) FROM pg_stat_activity WHERE usename = 'budgetportal_app' AND pid <> pg_backend_pid())
                """, replica);
            cmd.Parameters.AddWithValue("id", id);
            await using var row = await cmd.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.True(row.GetBoolean(0), "the replica is a hot standby");
            Assert.Equal("Published", row.GetString(1));
            Assert.True(row.GetInt64(2) > 0, "no portal connection on the replica: the anonymous pages did not read it");
        }
        output.WriteLine($"sessions and publication across nodes: {clock.Elapsed.TotalSeconds:0.0} s");

        // 3. Node 3 killed under load: requests through the balancer go on; once its health checks have failed, none fails.
        clock.Restart();
        var paths = new[] { "/", $"/departments/{Code}/{doc.FiscalYear}", "/?q=" + Uri.EscapeDataString(Name) };
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var noticed = long.MaxValue; // ticks of the moment the balancer had taken node 3 out
        var (beforeNotice, afterNotice, total) = (0, 0, 0);
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(20) };
            for (var n = c; !stop.IsCancellationRequested; n++)
            {
                var sent = DateTimeOffset.UtcNow.UtcTicks;
                string? failure = null;
                try
                {
                    using var response = await http.GetAsync(new Uri(cluster.Balancer, paths[n % paths.Length]));
                    if (response.StatusCode != HttpStatusCode.OK) failure = $"{(int)response.StatusCode}";
                    else await response.Content.ReadAsByteArrayAsync();
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { failure = e.GetType().Name + ": " + e.Message; }
                Interlocked.Increment(ref total);
                if (failure is null) continue;
                if (sent > Interlocked.Read(ref noticed)) { Interlocked.Increment(ref afterNotice); failures.Add(failure); }
                else Interlocked.Increment(ref beforeNotice);
            }
        })).ToList();
        await Task.Delay(1000);
        Process.GetProcessById(cluster.NodePid(3)).Kill();
        var killed = clock.Elapsed;
        for (var i = 0; i < 100 && await cluster.BalancerStatusAsync(anonymous, 3) != "DOWN"; i++) await Task.Delay(100);
        Assert.Equal("DOWN", await cluster.BalancerStatusAsync(anonymous, 3));
        var noticeAfter = clock.Elapsed - killed;
        Interlocked.Exchange(ref noticed, DateTimeOffset.UtcNow.UtcTicks);
        await Task.Delay(3000);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        output.WriteLine($"node 3 killed under load: {total} requests, {beforeNotice} failed before the balancer noticed " +
                         $"({noticeAfter.TotalSeconds:0.0} s after the kill), {afterNotice} after");
        Assert.True(afterNotice == 0, $"{afterNotice} requests failed after the balancer took node 3 out: {string.Join(" | ", failures.Distinct())}");
        Assert.True(total > 50, $"only {total} requests in the load");
        // 4. A node killed while it prints: the publication stands, another node takes the job when the lease runs out,
        //    and the PDF is stored exactly once. Published from node 1; whichever node takes the job is killed.
        clock.Restart();
        var publishing = Task.Run(async () =>
        {
            var page = await sessions[0].PageAsync($"/workspace/disclosures/{printedId}?handler=ConfirmPublish");
            try { using var _ = await sessions[0].PostAsync(FormSession.Form(page, "确认发布"), [], "确认发布"); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }   // node 1 may be the one killed
        });
        string? holder = null;
        for (var i = 0; i < 1200 && holder is null; i++)
        {
            await using var db = cluster.NewDbContext();
            holder = await db.Database.SqlQuery<string>($"""
                SELECT taken_by AS "Value" FROM jobs WHERE disclosure_id = {printedId} AND kind = 'PrintPdfs' AND done_at IS NULL AND taken_by IS NOT NULL
                """).SingleOrDefaultAsync();
            if (holder is null) await Task.Delay(25);
        }
        Assert.True(holder is not null, "no node took the print job of the publication");
        var holderPid = int.Parse(holder.Split('/')[1], CultureInfo.InvariantCulture);
        var killedNode = Enumerable.Range(1, cluster.Nodes).Single(i => cluster.NodePid(i) == holderPid);
        Process.GetProcessById(holderPid).Kill();
        output.WriteLine($"node {killedNode} killed while printing ({holder}), {clock.Elapsed.TotalSeconds:0.0} s after 确认发布");
        int stored = 0, attempts = 0;
        string? doneBy = null;
        for (var i = 0; i < 240 && doneBy is null; i++)
        {
            await Task.Delay(250);
            await using var db = cluster.NewDbContext();
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.DisclosureId == printedId && j.Kind == BudgetPortal.Data.Jobs.JobKind.PrintPdfs);
            if (job.DoneAt is not null) (doneBy, attempts) = (job.TakenBy ?? "", job.Attempts);
        }
        Assert.True(doneBy is not null, "the print job was not done by another node within a minute");
        await publishing;
        await using (var db = cluster.NewDbContext())
        {
            Assert.Equal(DisclosureStatus.Published, (await db.Disclosures.SingleAsync(d => d.Id == printedId)).Status);
            stored = await db.DisclosurePdfs.CountAsync(p => p.DisclosureId == printedId && p.Part == DisclosurePdf.WholeDocument);
        }
        Assert.Equal(1, stored);
        Assert.True(attempts >= 2, $"the job was taken {attempts} time(s): the killed node's attempt and another's");
        Assert.NotEqual(holder, doneBy);
        // Anyone downloads it through the balancer, from a node still alive.
        using (var pdf = await anonymous.GetAsync(new Uri(cluster.Balancer, $"/departments/{PrintedCode}/{printed.FiscalYear}.pdf")))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        }
        output.WriteLine($"printed once after the kill: by {doneBy} on attempt {attempts}, {clock.Elapsed.TotalSeconds:0.0} s after 确认发布");

        // 5. Redis killed: the cache is a shortcut, not a dependency. The node's probe (SharedCacheProbe) sees the
        //    connection fail and passes Redis by: pages are rendered uncached at their usual speed, not after the
        //    Redis client's timeouts (1 s each, several a page: 1.9–4.0 s a page before the probe).
        var live = Enumerable.Range(1, cluster.Nodes).Single(i => i != 3 && i != killedNode);
        var node = cluster.Node(live);
        var pagePath = $"/departments/{Code}/{doc.FiscalYear}";
        Process.GetProcessById(cluster.RedisPid).Kill();
        await Task.Delay(3000);
        var killedTimes = await LoadTimesAsync(anonymous, node, pagePath);
        output.WriteLine($"Redis killed: node {live}'s page, 10 loads: {Describe(killedTimes)}");
        Assert.True(Median(killedTimes) < TimeSpan.FromMilliseconds(500), $"with Redis killed a page takes {Describe(killedTimes)}: Redis is not passed by");
        Assert.Contains(lastPublished, await PageTextAsync(anonymous, node, "/", ".published-on"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(anonymous, new Uri(cluster.Balancer, $"/departments/{PrintedCode}/{printed.FiscalYear}")));
        // Published while Redis is down; Redis started again (empty): pages are stored in it again within seconds.
        var reviewer = sessions[live - 1];
        await WorkspaceSteps.PublishAsync(reviewer, thirdId);
        await cluster.StartRedisAgainAsync();
        var back = await CachedAgainAsync(anonymous, node, "/?q=" + Uri.EscapeDataString(ThirdName), "table.results", ThirdName);
        output.WriteLine($"Redis started again: node {live} answers from it again after {back.TotalSeconds:0.0} s");

        // 6. Redis paused (SIGSTOP: the connection stays open, nothing answers, its pages are kept): the probe's PINGs go
        //    unanswered and Redis is passed by. A publication meanwhile cannot evict its pages there, so when Redis
        //    answers again (SIGCONT) the node deletes the cache's keys before using it: no page from before is served.
        var fourthSearch = "/?q=" + Uri.EscapeDataString(FourthName);
        await CachedAgainAsync(anonymous, node, fourthSearch, ".no-results", "没有找到");
        await cluster.SignalRedisAsync("STOP");
        await Task.Delay(4000);
        var pausedTimes = await LoadTimesAsync(anonymous, node, pagePath);
        output.WriteLine($"Redis paused: node {live}'s page, 10 loads: {Describe(pausedTimes)}");
        Assert.True(Median(pausedTimes) < TimeSpan.FromMilliseconds(500), $"with Redis paused a page takes {Describe(pausedTimes)}: Redis is not passed by");
        await WorkspaceSteps.PublishAsync(reviewer, fourthId);
        await cluster.SignalRedisAsync("CONT");
        back = await CachedAgainAsync(anonymous, node, fourthSearch, "table.results", FourthName);
        output.WriteLine($"Redis resumed: node {live} answers from it again after {back.TotalSeconds:0.0} s, the publication made while it was paused shown");

        // 7. The replica stopped: anonymous reads go on from the primary (BudgetReplica names both, prefer-standby).
        // A request holding a pooled connection to the stopped replica may fail; then every page answers.
        using (var stopReplica = Process.Start(new ProcessStartInfo("bash", ["-c", $"source .ci/common.sh && ensure_postgres >/dev/null && stop_cluster '{cluster.Env["REPLICA_SOCKET"]}'"]) { WorkingDirectory = Repo.Root })!)
            await stopReplica.WaitForExitAsync();
        await using (var gone = new NpgsqlConnection(cluster.Replica))
            await Assert.ThrowsAnyAsync<Exception>(() => gone.OpenAsync());
        for (var i = 1; i <= cluster.Nodes; i++)
        {
            if (i == 3 || i == killedNode) continue;
            // Each pooled connection to the stopped replica fails one request (at most the pool's size).
            var failed = 0;
            var replicaGone = Stopwatch.StartNew();
            while (failed < 30 && await StatusAsync(anonymous, new Uri(cluster.Node(i), $"/departments/{Code}/{doc.FiscalYear}")) != HttpStatusCode.OK) failed++;
            output.WriteLine($"replica stopped: node {i} answered from the primary after {failed} failed requests, {replicaGone.Elapsed.TotalSeconds:0.0} s");
            Assert.Contains(Name, await PageTextAsync(anonymous, cluster.Node(i), $"/departments/{Code}/{doc.FiscalYear}", "h1"));
            Assert.Contains(lastPublished, await PageTextAsync(anonymous, cluster.Node(i), "/", ".published-on"));
        }
        foreach (var session in sessions) session.Dispose();
    }

    private async Task<int> SubmittedAsync(string code, string name, BudgetPortal.Domain.Documents.DisclosureDocument doc)
    {
        await using var db = cluster.NewDbContext();
        var draft = await db.AddDraftOfNewDepartmentAsync(code, name, doc);
        draft.Submit(DateTimeOffset.UtcNow, blockingErrors: 0);
        await db.SaveChangesAsync();
        return draft.Id;
    }

    /// <summary>Ten loads of a page one after another, each answered 200.</summary>
    private static async Task<List<TimeSpan>> LoadTimesAsync(HttpClient http, Uri node, string path)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var started = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(node, path));
            await response.Content.ReadAsByteArrayAsync();
            times.Add(started.Elapsed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return times;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static string Describe(List<TimeSpan> times) =>
        $"median {Median(times).TotalMilliseconds:0} ms, max {times.Max().TotalMilliseconds:0} ms";

    /// <summary>
    /// Asks for a page until it comes from the cache (Age: stored in Redis, the node's only cache) within 30 s; every
    /// answer on the way must say <paramref name="expected"/> in <paramref name="selector"/> (none may be a page from before a publication). How long it took.
    /// </summary>
    private static async Task<TimeSpan> CachedAgainAsync(HttpClient http, Uri node, string path, string selector, string expected)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(new Uri(node, path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {node}{path} → {(int)response.StatusCode}");
            var text = (await FormSession.ReadAsync(response)).QuerySelector(selector)?.TextContent ?? "";
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"GET {node}{path} has no {selector} saying {expected} (Age {response.Headers.Age})");
            if (response.Headers.Age is not null) return started.Elapsed;
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"{node}{path} not answered from Redis within 30 s");
            await Task.Delay(200);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        return response.StatusCode;
    }

    private static async Task<string> PageTextAsync(HttpClient http, Uri node, string path, string selector)
    {
        using var response = await http.GetAsync(new Uri(node, path));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {node}{path} → {(int)response.StatusCode}");
        var page = await FormSession.ReadAsync(response);
        return page.QuerySelector(selector)?.TextContent ?? throw new InvalidOperationException($"no {selector} on {node}{path}");
    }
}

/// <summary>
/// The cluster (five servers, two databases, Chromium on the nodes that print) runs alone, after the other tests:
/// on two cores beside the parallel suite it would slow them, and they it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}

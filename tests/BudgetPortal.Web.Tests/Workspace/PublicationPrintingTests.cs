using BudgetPortal.Data.Jobs;
using System.Net;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Web.Jobs;
using BudgetPortal.Web.Printing;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>The portal with a Chromium that does not exist: every print fails.</summary>
public sealed class BrokenPrinterFixture() : WorkspaceFixture(("Printing:ChromiumPath", "/nonexistent/chromium"));

/// <summary>When printing fails, a publication stands, the reviewer is told, and the draft PDF says why (503).</summary>
public sealed class FailedPrintTests(BrokenPrinterFixture portal) : IClassFixture<BrokenPrinterFixture>
{
    [Fact]
    public async Task APublicationStandsWhenItsPdfCannotBePrintedAndTheReviewerIsTold()
    {
        var (id, doc) = await ReviewTests.SubmittedDraftAsync(portal, "rv-broken");
        using var reviewer = await portal.LoginAsync("rv-broken-reviewer");

        using (var draftPdf = await reviewer.GetAsync($"/workspace/disclosures/{id}/preview.pdf"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, draftPdf.StatusCode);
            var page = await FormSession.ReadAsync(draftPdf);
            Assert.Contains("打印草稿 PDF 失败", page.QuerySelector(".errors")!.TextContent);
            Assert.Contains("找不到 Chromium", page.QuerySelector(".errors")!.TextContent);
        }

        await WorkspaceSteps.PublishAsync(reviewer, id);
        var after = await reviewer.PageAsync($"/workspace/disclosures/{id}");
        var notice = after.QuerySelector(".notice")!;
        Assert.Contains("已发布", notice.TextContent);
        Assert.Contains("正式 PDF 未能生成", notice.TextContent);
        Assert.Contains("找不到 Chromium", notice.TextContent);
        Assert.Contains("print-failed", notice.ClassName);
        Assert.Contains("尚未打印存档", after.QuerySelector(".published-links")!.TextContent);

        await using var db = portal.NewDbContext();
        Assert.Equal(DisclosureStatus.Published, (await db.Disclosures.SingleAsync(d => d.Id == id)).Status);
        Assert.False(await db.DisclosurePdfs.AnyAsync(p => p.DisclosureId == id));
        var publicPage = await portal.GetPageAsync($"/departments/rv-broken/{doc.FiscalYear}");
        Assert.Contains("首次下载时打印", publicPage.QuerySelector(".official-pdf")!.TextContent);
        // The download tries again (and fails again here: 503, nothing stored).
        await portal.AnswerAsync($"/departments/rv-broken/{doc.FiscalYear}.pdf", HttpStatusCode.ServiceUnavailable);
    }
}

/// <summary>The portal as ./run.sh starts it: its job runner prints the seeds in the background after start (polling every second here).</summary>
public sealed class StartupPrintingFixture() : WorkspaceFixture(("Jobs:Run", "true"), ("Jobs:PollSeconds", "1"));

public sealed class StartupPrintingTests(StartupPrintingFixture portal) : IClassFixture<StartupPrintingFixture>
{
    [Fact]
    public async Task TheSeedsArePrintedOnceByTheJobRunnerAndAJobLeftByADeadNodeIsTakenAgain()
    {
        // A version published while another node held its job (in the same transaction here), and that node died.
        var (id, _) = await ReviewTests.SubmittedDraftAsync(portal, "rv-dead-node", submit: false);
        await using (var db = portal.NewDbContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var d = await db.Disclosures.SingleAsync(x => x.Id == id);
            d.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(d));
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE jobs SET taken_by = 'dead-node', lease_until = now() + interval '3 seconds', attempts = 1 WHERE disclosure_id = {id} AND kind = 'PrintPdfs'"));
            await tx.CommitAsync();
        }

        var seeds = Repo.SeedDisclosureFiles.Count();
        await using (var db = portal.NewDbContext())
        {
            for (var i = 0; i < 600 && await db.Jobs.CountAsync(j => j.DoneAt == null) > 0; i++) await Task.Delay(500);
            Assert.Equal(0, await db.Jobs.CountAsync(j => j.DoneAt == null));
            Assert.Equal(seeds + 1, await db.DisclosurePdfs.CountAsync(p => p.Part == DisclosurePdf.WholeDocument));
            // The dead node's job was taken again by this node's runner once its lease ran out.
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.DisclosureId == id && j.Kind == JobKind.PrintPdfs);
            Assert.Equal((2, portal.Services.GetRequiredService<JobNode>().Name), (job.Attempts, job.TakenBy));
            Assert.Equal(12, await db.DisclosurePdfs.CountAsync(p => p.DisclosureId == id));
        }
        // Each version printed once, none twice.
        Assert.Equal(seeds + 1, portal.Services.GetRequiredService<DisclosurePdfStore>().PrintCount);
        // Each version's files stored once too, by a job of their own.
        Assert.Equal(seeds + 1, portal.Services.GetRequiredService<BudgetPortal.Web.Downloads.PublishedFileStore>().StoreCount);
        // Every kind of job of every version done by the runner (the files, the PDFs, the year zip's parts).
        Assert.Equal((seeds + 1) * Job.AtPublication.Length, portal.Services.GetRequiredService<JobRunner>().Done);
        Assert.Equal(seeds + 1, portal.Services.GetRequiredService<BudgetPortal.Web.Downloads.YearPackageParts>().MadeCount);
        // Each seed's page shows the hash of its file, printed before anyone asked for it.
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var page = await portal.GetPageAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}");
        Assert.Matches("^[0-9a-f]{64}$", page.QuerySelector("code.sha256")!.TextContent.Trim());

        // The year's package holds each disclosure's official PDF as stored, in the department's folder (named by its name).
        var zipBytes = await portal.Http.GetByteArrayAsync($"/downloads/{doc.FiscalYear}.zip");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(zipBytes));
        await using var check = portal.NewDbContext();
        var stored = await check.DisclosurePdfs.AsNoTracking()
            .Where(p => p.Part == DisclosurePdf.WholeDocument && check.PublishedSummaries.Any(s => s.DisclosureId == p.DisclosureId && s.FiscalYear == doc.FiscalYear))
            .Join(check.Disclosures.Include(d => d.Department), p => p.DisclosureId, d => d.Id, (p, d) => new { p.Content, d })
            .ToListAsync();
        Assert.NotEmpty(stored);
        foreach (var s in stored)
        {
            var entry = zip.GetEntry($"{s.d.DepartmentName}/{s.d.DepartmentName}{doc.FiscalYear}年部门预算公开.pdf");
            Assert.NotNull(entry);
            using var copy = new MemoryStream();
            await using (var open = entry.Open()) await open.CopyToAsync(copy);
            Assert.Equal(s.Content, copy.ToArray());
        }
    }
}

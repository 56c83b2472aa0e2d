using System.Net;
using BudgetPortal.Domain.Disclosures;
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

/// <summary>The portal as ./run.sh starts it: the seeds are printed in the background after start.</summary>
public sealed class StartupPrintingFixture() : PortalFixture(("Printing:PrintMissingAtStart", "true"));

public sealed class StartupPrintingTests(StartupPrintingFixture portal) : IClassFixture<StartupPrintingFixture>
{
    [Fact]
    public async Task TheSeedsArePrintedOnceInTheBackgroundWithoutAnyDownload()
    {
        var seeds = Repo.SeedDisclosureFiles.Count();
        await using var db = portal.NewDbContext();
        var stored = 0;
        for (var i = 0; i < 480 && stored < seeds; i++)
        {
            stored = await db.DisclosurePdfs.CountAsync(p => p.Part == DisclosurePdf.WholeDocument);
            if (stored < seeds) await Task.Delay(500);
        }
        Assert.Equal(seeds, stored);
        Assert.Equal(seeds, portal.Services.GetRequiredService<DisclosurePdfStore>().PrintCount);
        // Each seed's page shows the hash of its file, printed before anyone asked for it.
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var page = await portal.GetPageAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}");
        Assert.Matches("^[0-9a-f]{64}$", page.QuerySelector("code.sha256")!.TextContent.Trim());
    }
}

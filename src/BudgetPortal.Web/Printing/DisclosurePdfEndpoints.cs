using System.Collections.Concurrent;
using BudgetPortal.Data;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Jobs;
using Microsoft.Extensions.Options;
using BudgetPortal.Web.Api;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace BudgetPortal.Web.Printing;

/// <summary>
/// The stored PDFs of published versions: printed as a job of the queue (<see cref="JobQueue"/>) —
/// by whichever node's <see cref="Jobs.JobRunner"/> is free after the publication commits, or by the
/// request that needs them first (the publishing reviewer's, a download), which takes the same job;
/// inserted once (the table is insert-only) and served from storage afterwards. A version's files —
/// the whole document and its eleven tables — are printed and stored together, in one transaction
/// that also finishes the job: the database takes no PDF for a version whose files are already stored
/// (docs/decisions/0010), so a table printed later could not be stored, and no one can slip in a table
/// file of their own making. While a node holds the job (its lease), others wait for its files; two
/// requests in one process share one wait or print. The download endpoints sit behind the output
/// cache, which keeps the bytes in memory.
/// </summary>
public sealed class DisclosurePdfStore(IServiceScopeFactory scopes, DisclosurePrinter printer, JobNode node, IOptions<JobOptions> jobOptions,
    IOutputCacheStore pages, PageWarmer warmer, ILogger<DisclosurePdfStore> logger)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<IReadOnlyList<DisclosurePdf>>>> _printing = new();

    /// <summary>The parts of a version's files: the whole document, then 表1–表11.</summary>
    private static readonly int[] Parts = [DisclosurePdf.WholeDocument, .. Enumerable.Range(1, 11)];

    /// <summary>How many versions' files this process has printed (tests and logs read it).</summary>
    public int PrintCount => _printCount;
    private int _printCount;

    public async Task<DisclosurePdf> PrintAndStoreAsync(int disclosureId, int part, PrintedDocumentInfo info, CancellationToken ct)
    {
        var lazy = _printing.GetOrAdd(disclosureId, _ => new Lazy<Task<IReadOnlyList<DisclosurePdf>>>(() => ObtainAsync(disclosureId, info)));
        IReadOnlyList<DisclosurePdf> files;
        try
        {
            files = await lazy.Value.WaitAsync(ct);
        }
        finally
        {
            // A failed print is forgotten, so that a later request tries again.
            if (lazy.Value.IsCompleted) _printing.TryRemove(new KeyValuePair<int, Lazy<Task<IReadOnlyList<DisclosurePdf>>>>(disclosureId, lazy));
        }
        if (files.FirstOrDefault(f => f.Part == part) is { } stored) return stored;
        // Only a version stored before the files were kept together lacks a table: print it for this
        // answer; the database keeps no file added to a stored set.
        logger.LogWarning("Disclosure {DisclosureId} has stored PDFs but none for part {Part}: printed for this request, not stored", disclosureId, part);
        var bytes = (await printer.PrintAsync(disclosureId, part, ForPart(info, part), ct)).Content;
        return new DisclosurePdf(disclosureId, part, bytes, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Runs a job the runner took: prints and stores the version's files unless they are stored, and
    /// finishes the job. Throws if the print fails (the runner lets go of the job).
    /// </summary>
    public async Task RunJobAsync(Job job, CancellationToken ct)
    {
        PrintedDocumentInfo? info = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
            if (!await db.DisclosurePdfs.AnyAsync(p => p.DisclosureId == job.DisclosureId, ct))
            {
                var published = await scope.ServiceProvider.GetRequiredService<DisclosureReader>().LoadAsync(job.DisclosureId, ct);
                if (published is { IsPublished: true })
                    info = PrintedDocumentInfo.For(published.DepartmentName, published.FiscalYear, published.Version,
                        published.PublishedAt, DisclosurePdf.WholeDocument);
            }
            // Stored already (or not a published version: nothing to print): the job is done.
            if (info is null)
            {
                await JobQueue.FinishAsync(db, job.Id, ct);
                return;
            }
        }
        await PrintTakenAsync(job, info, ct);
    }

    private static PrintedDocumentInfo ForPart(PrintedDocumentInfo info, int part) =>
        PrintedDocumentInfo.For(info.Department, info.Year, info.Version, info.PublishedAt, part);

    /// <summary>The version's stored files; else takes its job and prints them; else waits for the node that holds it.</summary>
    private async Task<IReadOnlyList<DisclosurePdf>> ObtainAsync(int disclosureId, PrintedDocumentInfo info)
    {
        var existing = await StoredAsync(disclosureId);
        if (existing.Count > 0) return existing;
        var o = jobOptions.Value;
        Job? job;
        await using (var scope = scopes.CreateAsyncScope())
            job = await JobQueue.TakeAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), JobKind.PrintPdfs, disclosureId, node.Name, o.Lease);
        if (job is null) return await AwaitStoredAsync(disclosureId);
        // Not the request's token: a print others wait on must not stop when the first client leaves; its own limit instead.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(o.TimeoutSeconds));
        try
        {
            return await PrintTakenAsync(job, info, limit.Token);
        }
        catch (Exception e)
        {
            // Let go at once for the next request; the runners wait before they try again.
            await using var scope = scopes.CreateAsyncScope();
            await JobQueue.FailAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), job.Id, node.Name, e.Message,
                Jobs.JobRunner.Backoff(job.Attempts), CancellationToken.None);
            throw;
        }
    }

    /// <summary>Another node (or this one's runner) holds the job: its files, once stored, within Jobs:AwaitSeconds.</summary>
    private async Task<IReadOnlyList<DisclosurePdf>> AwaitStoredAsync(int disclosureId)
    {
        var until = DateTime.UtcNow.AddSeconds(jobOptions.Value.AwaitSeconds);
        while (true)
        {
            var stored = await StoredAsync(disclosureId);
            if (stored.Count > 0) return stored;
            if (DateTime.UtcNow > until) throw new PrintFailedException("此文件正在由另一台服务器打印，尚未完成，请稍后再试。");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Prints the version's files for a job this node took, renewing its lease meanwhile, and stores them as the job finishes.</summary>
    private async Task<IReadOnlyList<DisclosurePdf>> PrintTakenAsync(Job job, PrintedDocumentInfo info, CancellationToken ct)
    {
        var disclosureId = job.DisclosureId;
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewWhileWorkingAsync(job, renewing.Token);
        var files = new List<DisclosurePdf>();
        try
        {
            foreach (var part in Parts)
            {
                var bytes = (await printer.PrintAsync(disclosureId, part, ForPart(info, part), ct)).Content;
                files.Add(new DisclosurePdf(disclosureId, part, bytes, DateTimeOffset.UtcNow));
            }
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
        Interlocked.Increment(ref _printCount);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            try
            {
                foreach (var pdf in files)
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        INSERT INTO disclosure_pdfs (disclosure_id, part, content, sha256, printed_at)
                        VALUES ({pdf.DisclosureId}, {pdf.Part}, {pdf.Content}, {pdf.Sha256}, {pdf.PrintedAt})
                        """);
                await JobQueue.FinishAsync(db, job.Id);
                await tx.CommitAsync();
            }
            // Another node stored this version's files meanwhile (it took the job after this node's lease
            // ran out): the primary key, or the database's refusal of a file added to a stored set. Theirs stay, and are served.
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or "BP001")
            {
                await tx.RollbackAsync();
                var theirs = await StoredAsync(disclosureId);
                if (theirs.Count == 0) throw;
                logger.LogInformation("The PDFs of disclosure {DisclosureId} were stored by another node meanwhile", disclosureId);
                files = [.. theirs];
            }
        }
        // The disclosure page shows the stored file's SHA-256: the department's pages cached before the print are stale now.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var code = await scope.ServiceProvider.GetRequiredService<BudgetDbContext>().Disclosures.AsNoTracking()
                .Where(d => d.Id == disclosureId).Select(d => d.Department.Code).SingleAsync();
            await PublishedContent.PrintedAsync(pages, code);
            // And warmed again (the job that stored the CSV files warmed them before the print, at publication):
            // in the background, so that neither the publishing reviewer nor a downloader waits for it.
            _ = WarmAsync(code, info.Year);
        }
        // What was stored is what was printed (a dozen files of up to a few MB: not read back).
        return files;
    }

    private async Task WarmAsync(string code, int year)
    {
        try { await warmer.WarmAsync(code, year, CancellationToken.None); }
        catch (Exception e) { logger.LogWarning(e, "Warming the pages of {Code} {Year} after the print failed", code, year); }
    }

    /// <summary>Renews the job's lease every third of it until the work ends; stops if another node took the job.</summary>
    private async Task RenewWhileWorkingAsync(Job job, CancellationToken ct)
    {
        var lease = jobOptions.Value.Lease;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, ct);
                await using var scope = scopes.CreateAsyncScope();
                if (!await JobQueue.RenewAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), job.Id, node.Name, lease, ct))
                {
                    logger.LogWarning("Job {JobId} (disclosure {DisclosureId}) was taken by another node: its lease ran out", job.Id, job.DisclosureId);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogWarning(e, "Renewing the lease of job {JobId} failed", job.Id);
        }
    }

    private async Task<IReadOnlyList<DisclosurePdf>> StoredAsync(int disclosureId)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BudgetDbContext>().DisclosurePdfs.AsNoTracking()
            .Where(p => p.DisclosureId == disclosureId).ToListAsync();
    }
}

public static class DisclosurePdfEndpoints
{
    public static void MapDisclosurePdfs(this IEndpointRouteBuilder app)
    {
        // Once printed, a version's PDF never changes: answered from the output cache until the next publication.
        app.MapGet("/departments/{code}/{year:int}.pdf", (HttpContext http, string code, int year, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct) =>
            ServeAsync(http, code, year, null, DisclosurePdf.WholeDocument, db, store, logs, ct)).CacheOutput(PublishedContent.Policy)
            .DescribedAsDownload("downloadPdf", "正式文件 PDF",
                "最新版本发布时打印并保存的文件；ETag 是文件的 SHA-256（与公开页面上显示的相同），支持 If-None-Match 和 Range。", "application/pdf");
        app.MapGet("/departments/{code}/{year:int}/versions/{version:int}.pdf", (HttpContext http, string code, int year, int version, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct) =>
            ServeAsync(http, code, year, version, DisclosurePdf.WholeDocument, db, store, logs, ct)).CacheOutput(PublishedContent.Policy)
            .DescribedAsDownload("downloadVersionPdf", "某一版本的正式文件 PDF",
                "第 version 版发布时打印并保存的文件（更正前的旧版本也可下载），页脚写明版本；ETag 是文件的 SHA-256。没有这个版本时返回 404。", "application/pdf");
        app.MapGet("/departments/{code}/{year:int}/tables/{table:int}.pdf", (HttpContext http, string code, int year, int table, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct) =>
            table is >= 1 and <= 11
                ? ServeAsync(http, code, year, null, table, db, store, logs, ct)
                : Task.FromResult(Results.NotFound())).CacheOutput(PublishedContent.Policy)
            .DescribedAsDownload("downloadTablePdf", "一张表的 PDF", "与正式文件一同打印和保存；ETag 是文件的 SHA-256。", "application/pdf");

        app.MapGet("/departments/{code}/{year:int}/versions/{version:int}/tables/{table:int}.pdf", (HttpContext http, string code, int year, int version, int table, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct) =>
            table is >= 1 and <= 11
                ? ServeAsync(http, code, year, version, table, db, store, logs, ct)
                : Task.FromResult(Results.NotFound())).CacheOutput(PublishedContent.Policy)
            .DescribedAsDownload("downloadVersionTablePdf", "某一版本的一张表的 PDF",
                "与第 version 版的正式文件一同打印和保存（更正前的旧版本也可下载）；ETag 是文件的 SHA-256。没有这个版本或表号不在 1–11 时返回 404。", "application/pdf");

        // Benchmarks only (docs/benchmarks.md): prints afresh on every request and stores nothing. Off unless configured.
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>("Printing:BenchmarkEndpoint"))
            app.MapGet("/print/disclosures/{id:int}.pdf", async (int id, DisclosurePrinter printer, CancellationToken ct) =>
                Results.Bytes((await printer.PrintAsync(id, DisclosurePdf.WholeDocument,
                    new PrintedDocumentInfo("benchmark", 2000, 1, null, "benchmark", "benchmark"), ct)).Content, "application/pdf"))
                .ExcludeFromDescription();
    }

    /// <summary>Part <paramref name="part"/> of the stored files of <paramref name="version"/> (the latest when null).</summary>
    private static async Task<IResult> ServeAsync(HttpContext http, string code, int year, int? version, int part, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct)
    {
        // The latest from the published summaries (one indexed row per department and year, issue 15).
        var published = version is { } n
            ? db.Disclosures.Where(d => d.Status == DisclosureStatus.Published && d.Version == n && d.Department.Code == code && d.FiscalYear == year)
            : db.Disclosures.Where(d => db.PublishedSummaries.Any(s => s.DepartmentCode == code && s.FiscalYear == year && s.DisclosureId == d.Id));
        var served = await published.Include(d => d.Department).SingleOrDefaultAsync(ct);
        if (served is null) return Results.NotFound();
        var department = served.DepartmentName;
        // The hash of the stored file, if it has been printed; the bytes are read only when they are sent.
        var sha = await db.DisclosurePdfs.Where(p => p.DisclosureId == served.Id && p.Part == part).Select(p => p.Sha256).SingleOrDefaultAsync(ct);
        byte[]? bytes = null;
        if (sha is null)
        {
            var info = PrintedDocumentInfo.For(department, year, served.Version, served.PublishedAt, part);
            try
            {
                var printed = await store.PrintAndStoreAsync(served.Id, part, info, ct);
                (sha, bytes) = (printed.Sha256, printed.Content);
            }
            catch (PrintFailedException e)
            {
                logs.CreateLogger("BudgetPortal.Web.Printing").LogError(e, "Printing the PDF of disclosure {DisclosureId} part {Part} failed", served.Id, part);
                http.Response.Headers.RetryAfter = "30";
                http.Items[PrintFailure] = e.Message;
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        var etag = new EntityTagHeaderValue($"\"{sha}\"");
        http.Response.Headers.CacheControl = "public, no-cache";
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(sha))}:";
        // A browser revalidates every time (no-cache) and a 304 is not output-cached: answer it without the file.
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Tag == "*" || m.Compare(etag, useStrongComparison: false)))
        {
            http.Response.Headers.ETag = etag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        bytes ??= await db.DisclosurePdfs.AsNoTracking().Where(p => p.DisclosureId == served.Id && p.Part == part)
            .Select(p => p.Content).SingleAsync(ct);
        // A version asked for by its number is named with it: two versions' files side by side stay apart.
        var (ofVersion, asciiVersion) = version is null ? ("", "") : ($"（第{served.Version}版）", $"-v{served.Version}");
        var name = part == DisclosurePdf.WholeDocument
            ? $"{department}{year}年部门预算公开{ofVersion}.pdf"
            : $"{department}{year}年部门预算公开表{part}{ofVersion}.pdf";
        var ascii = part == DisclosurePdf.WholeDocument ? $"{code}-{year}{asciiVersion}.pdf" : $"{code}-{year}{asciiVersion}-table{part}.pdf";
        Downloads.DownloadEndpoints.Attachment(http, name, ascii);
        // The file result answers a Range with 206 (and the other preconditions) by ASP.NET's own rules.
        return TypedResults.File(bytes, "application/pdf", entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>HttpContext.Items key: the reason a print failed, for the 503 page.</summary>
    public const string PrintFailure = "BudgetPortal.PrintFailure";
}

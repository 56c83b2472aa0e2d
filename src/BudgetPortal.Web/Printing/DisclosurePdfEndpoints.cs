using System.Collections.Concurrent;
using BudgetPortal.Data;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace BudgetPortal.Web.Printing;

/// <summary>
/// The stored PDFs of published versions: printed when the version is published (and at start-up
/// for those without one, <see cref="MissingPdfs"/>), else on first request; inserted once (the
/// table is insert-only) and served from storage afterwards. Two requests for the same unprinted
/// file share one print. The download endpoints sit behind the output cache, which keeps the bytes
/// in memory.
/// </summary>
public sealed class DisclosurePdfStore(IServiceScopeFactory scopes, DisclosurePrinter printer, IOutputCacheStore pages)
{
    private readonly ConcurrentDictionary<(int, int), Lazy<Task<DisclosurePdf>>> _printing = new();

    /// <summary>How many times this process has printed (tests and logs read it).</summary>
    public int PrintCount => _printCount;
    private int _printCount;

    public async Task<DisclosurePdf> PrintAndStoreAsync(int disclosureId, int part, PrintedDocumentInfo info, CancellationToken ct)
    {
        var key = (disclosureId, part);
        var lazy = _printing.GetOrAdd(key, _ => new Lazy<Task<DisclosurePdf>>(() => PrintOnceAsync(disclosureId, part, info)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        finally
        {
            // A failed print is forgotten, so that a later request tries again.
            if (lazy.Value.IsCompleted) _printing.TryRemove(new KeyValuePair<(int, int), Lazy<Task<DisclosurePdf>>>(key, lazy));
        }
    }

    private async Task<DisclosurePdf> PrintOnceAsync(int disclosureId, int part, PrintedDocumentInfo info)
    {
        // Stored already (by publishing, the start-up print, a download, another process): never printed twice.
        await using (var check = scopes.CreateAsyncScope())
        {
            var existing = await check.ServiceProvider.GetRequiredService<BudgetDbContext>().DisclosurePdfs.AsNoTracking()
                .SingleOrDefaultAsync(p => p.DisclosureId == disclosureId && p.Part == part);
            if (existing is not null) return existing;
        }
        // Not the request's token: a print another request waits on must not stop when the first client leaves.
        var bytes = (await printer.PrintAsync(disclosureId, part, info, CancellationToken.None)).Content;
        Interlocked.Increment(ref _printCount);
        var pdf = new DisclosurePdf(disclosureId, part, bytes, DateTimeOffset.UtcNow);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        // Another portal process may have stored the same file meanwhile: theirs stays, and is served.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO disclosure_pdfs (disclosure_id, part, content, sha256, printed_at)
            VALUES ({pdf.DisclosureId}, {pdf.Part}, {pdf.Content}, {pdf.Sha256}, {pdf.PrintedAt})
            ON CONFLICT (disclosure_id, part) DO NOTHING
            """);
        var stored = await db.DisclosurePdfs.AsNoTracking().SingleAsync(p => p.DisclosureId == disclosureId && p.Part == part);
        // The disclosure page shows the stored file's SHA-256: pages cached before the print are stale now.
        if (part == DisclosurePdf.WholeDocument) await PublishedContent.InvalidateAsync(pages);
        return stored;
    }
}

public static class DisclosurePdfEndpoints
{
    public static void MapDisclosurePdfs(this IEndpointRouteBuilder app)
    {
        // Once printed, a version's PDF never changes: answered from the output cache until the next publication.
        app.MapGet("/departments/{code}/{year:int}.pdf", (HttpContext http, string code, int year, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct) =>
            ServeAsync(http, code, year, DisclosurePdf.WholeDocument, db, store, logs, ct)).CacheOutput(PublishedContent.Policy);
        app.MapGet("/departments/{code}/{year:int}/tables/{table:int}.pdf", (HttpContext http, string code, int year, int table, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct) =>
            table is >= 1 and <= 11
                ? ServeAsync(http, code, year, table, db, store, logs, ct)
                : Task.FromResult(Results.NotFound())).CacheOutput(PublishedContent.Policy);

        // Benchmarks only (docs/benchmarks.md): prints afresh on every request and stores nothing. Off unless configured.
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>("Printing:BenchmarkEndpoint"))
            app.MapGet("/print/disclosures/{id:int}.pdf", async (int id, DisclosurePrinter printer, CancellationToken ct) =>
                Results.Bytes((await printer.PrintAsync(id, DisclosurePdf.WholeDocument,
                    new PrintedDocumentInfo("benchmark", 2000, 1, null, "benchmark", "benchmark"), ct)).Content, "application/pdf"));
    }

    private static async Task<IResult> ServeAsync(HttpContext http, string code, int year, int part, BudgetDbContext db, DisclosurePdfStore store, ILoggerFactory logs, CancellationToken ct)
    {
        var latest = await db.LatestPublished().Include(d => d.Department)
            .SingleOrDefaultAsync(d => d.Department.Code == code && d.FiscalYear == year, ct);
        if (latest is null) return Results.NotFound();
        var department = latest.DepartmentName;
        // The hash of the stored file, if it has been printed.
        var sha = await db.DisclosurePdfs.Where(p => p.DisclosureId == latest.Id && p.Part == part).Select(p => p.Sha256).SingleOrDefaultAsync(ct);
        byte[]? bytes = null;
        if (sha is null)
        {
            var info = PrintedDocumentInfo.For(department, year, latest.Version, latest.PublishedAt, part);
            try
            {
                var printed = await store.PrintAndStoreAsync(latest.Id, part, info, ct);
                (sha, bytes) = (printed.Sha256, printed.Content);
            }
            catch (PrintFailedException e)
            {
                logs.CreateLogger("BudgetPortal.Web.Printing").LogError(e, "Printing the PDF of disclosure {DisclosureId} part {Part} failed", latest.Id, part);
                http.Response.Headers.RetryAfter = "30";
                http.Items[PrintFailure] = e.Message;
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        var etag = new EntityTagHeaderValue($"\"{sha}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "public, no-cache";
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(sha))}:";
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Tag == "*" || m.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        bytes ??= await db.DisclosurePdfs.AsNoTracking().Where(p => p.DisclosureId == latest.Id && p.Part == part)
            .Select(p => p.Content).SingleOrDefaultAsync(ct);
        if (bytes is null) return Results.NotFound();
        var name = part == DisclosurePdf.WholeDocument
            ? $"{department}{year}年部门预算公开.pdf"
            : $"{department}{year}年部门预算公开表{part}.pdf";
        var ascii = part == DisclosurePdf.WholeDocument ? $"{code}-{year}.pdf" : $"{code}-{year}-table{part}.pdf";
        Downloads.DownloadEndpoints.Attachment(http, name, ascii);
        return Results.Bytes(bytes, "application/pdf");
    }

    /// <summary>HttpContext.Items key: the reason a print failed, for the 503 page.</summary>
    public const string PrintFailure = "BudgetPortal.PrintFailure";
}

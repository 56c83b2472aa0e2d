using BudgetPortal.Data;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// The files of a published version — each table's CSV, the 预算明细 CSV of a line-based version, the
/// workbook — made once, by the job <see cref="JobKind.StoreFiles"/> queued in the publishing transaction,
/// and stored in published_files with the job's end in one transaction (issue 15): the downloads and the
/// year's zip copy them from there instead of building them per request. A request that finds a
/// version's files not stored yet (its job waits, or it is an older version, whose job is added when
/// first needed) takes the job itself (<see cref="JobQueue.TakeAsync"/>: building them is a fraction of
/// a second); if another node holds it, the request builds its one file and stores nothing. After the
/// files are stored the job warms the department's public pages (<see cref="PageWarmer"/>).
/// </summary>
public sealed class PublishedFileStore(IServiceScopeFactory scopes, JobNode node, IOptions<JobOptions> jobOptions,
    PageWarmer warmer, ILogger<PublishedFileStore> logger)
{
    /// <summary>How many versions' files this process has built and stored (tests and logs read it).</summary>
    public int StoreCount => _storeCount;
    private int _storeCount;

    /// <summary>The file names of a version: 表1.csv … 表11.csv, 预算明细.csv (line-based versions), 部门预算公开表.xlsx.</summary>
    public static IEnumerable<string> Names(Disclosure d) =>
    [
        .. TableSchemas.All.Select(k => PublishedFile.TableCsvName((int)k)),
        .. d.IsLineBased ? [PublishedFile.LinesCsvName] : Array.Empty<string>(),
        PublishedFile.WorkbookName,
    ];

    /// <summary>A table as its CSV download (and the year's zip) has it: UTF-8 with BOM, as printed.</summary>
    public static async Task<byte[]> TableCsvAsync(Disclosure d, TableKind kind, ClassificationCatalog functional)
    {
        var table = PrintedTable.Build(d.Table(kind), d.FiscalYear, d.DepartmentName, functional);
        using var bytes = new MemoryStream();
        await using (var writer = new StreamWriter(bytes, TableCsv.Utf8WithBom, leaveOpen: true))
            await TableCsv.WriteAsync(writer, table);
        return bytes.ToArray();
    }

    /// <summary>The eleven tables as one workbook (<see cref="DisclosureWorkbook"/>).</summary>
    public static byte[] Workbook(Disclosure d, ClassificationCatalog functional)
    {
        // The package format needs a seekable stream.
        using var bytes = new MemoryStream();
        DisclosureWorkbook.Write(bytes, d, functional);
        return bytes.ToArray();
    }

    /// <summary>One file of a version by its name, built with the builders the downloads always used; null if the version has no such file.</summary>
    public static async Task<PublishedFile?> BuildAsync(Disclosure d, string name, YearCatalogs catalogs, DateTimeOffset now)
    {
        if (name == PublishedFile.WorkbookName)
            return PublishedFile.AsIs(d.Id, name, PublishedFile.XlsxMediaType, Workbook(d, catalogs.Functional), now);
        if (name == PublishedFile.LinesCsvName)
            return d.IsLineBased ? PublishedFile.Deflate(d.Id, name, PublishedFile.CsvMediaType, LinesCsv.Bytes(d.Lines, catalogs), now) : null;
        foreach (var kind in TableSchemas.All)
            if (name == PublishedFile.TableCsvName((int)kind))
                return PublishedFile.Deflate(d.Id, name, PublishedFile.CsvMediaType, await TableCsvAsync(d, kind, catalogs.Functional), now);
        return null;
    }

    /// <summary>Every file of a version (<see cref="Names"/>).</summary>
    public static async Task<List<PublishedFile>> BuildAllAsync(Disclosure d, YearCatalogs catalogs)
    {
        var now = DateTimeOffset.UtcNow;
        var files = new List<PublishedFile>();
        foreach (var name in Names(d)) files.Add((await BuildAsync(d, name, catalogs, now))!);
        return files;
    }

    /// <summary>Runs a job the runner took: stores the version's files unless they are stored, finishing the job; then warms the department's pages.</summary>
    public async Task RunJobAsync(Job job, CancellationToken ct)
    {
        var (_, published) = await StoreTakenAsync(job, ct);
        if (published is not { } stored) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await warmer.WarmAsync(stored.Code, stored.Year, ct);
        logger.LogInformation("Warmed the pages of {Code} {Year} in {Ms} ms", stored.Code, stored.Year, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// The version's files for a request that found them missing: takes the job and stores them (null if
    /// another node holds the job, or it was done meanwhile: read the table again).
    /// </summary>
    public async Task<IReadOnlyList<PublishedFile>?> StoreNowAsync(int disclosureId, CancellationToken ct)
    {
        Job? job;
        await using (var scope = scopes.CreateAsyncScope())
            job = await JobQueue.TakeAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), JobKind.StoreFiles, disclosureId,
                node.Name, jobOptions.Value.Lease, ct);
        if (job is null) return null;
        try
        {
            // Not the request's token: the files are the version's, not this client's.
            // The pages are warmed by the runner's jobs only: this request's reader is here already.
            return (await StoreTakenAsync(job, CancellationToken.None)).Files;
        }
        catch (Exception e)
        {
            await using var scope = scopes.CreateAsyncScope();
            await JobQueue.FailAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), job.Id, node.Name, e.Message,
                JobRunner.Backoff(job.Attempts), CancellationToken.None);
            throw;
        }
    }

    /// <summary>One file of a version built for one answer and not stored (its job is held by another node).</summary>
    public async Task<PublishedFile?> BuildUnstoredAsync(int disclosureId, string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        if (await scope.ServiceProvider.GetRequiredService<DisclosureReader>().LoadAsync(disclosureId, ct) is not { IsPublished: true } d) return null;
        return await BuildAsync(d, name, await db.YearCatalogsAsync(d.FiscalYear, ct), DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Builds and stores the files of the job's version with the job's end, in one transaction; nothing if
    /// they are stored already (the job is finished then). Returns what is stored and, if this call stored
    /// them, the version's department and year.
    /// </summary>
    private async Task<(IReadOnlyList<PublishedFile> Files, (string Code, int Year)? Stored)> StoreTakenAsync(Job job, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var stored = await db.PublishedFiles.AsNoTracking().Where(f => f.DisclosureId == job.DisclosureId).ToListAsync(ct);
        var published = stored.Count > 0 ? null : await scope.ServiceProvider.GetRequiredService<DisclosureReader>().LoadAsync(job.DisclosureId, ct);
        // Stored already (a second run), or not a published version (nothing to store): the job is done.
        if (published is not { IsPublished: true })
        {
            await JobQueue.FinishAsync(db, job.Id, ct);
            return (stored, null);
        }
        var files = await BuildAllAsync(published, await db.YearCatalogsAsync(published.FiscalYear, ct));
        var built = clock.ElapsedMilliseconds;
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        try
        {
            db.PublishedFiles.AddRange(files);
            await db.SaveChangesAsync(CancellationToken.None);
            await JobQueue.FinishAsync(db, job.Id, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        // Another node stored them meanwhile (it took the job after this node's lease ran out): the
        // primary key, or the database's refusal of a file added to a stored set. Theirs stay.
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or "BP001" })
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var theirs = await db.PublishedFiles.AsNoTracking().Where(f => f.DisclosureId == job.DisclosureId).ToListAsync(CancellationToken.None);
            if (theirs.Count == 0) throw;
            logger.LogInformation("The files of disclosure {DisclosureId} were stored by another node meanwhile", job.DisclosureId);
            return (theirs, null);
        }
        Interlocked.Increment(ref _storeCount);
        logger.LogInformation("Stored {Count} files of disclosure {DisclosureId} ({Bytes} bytes; loaded and built in {Built} ms, stored in {Stored} ms)",
            files.Count, job.DisclosureId, files.Sum(f => f.Body.LongLength), built, clock.ElapsedMilliseconds - built);
        return (files, (published.Department.Code, published.FiscalYear));
    }
}

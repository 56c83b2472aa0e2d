using BudgetPortal.Data;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// Makes a published version's share of its year's zip once (<see cref="YearPackagePart"/>): as the job
/// of that kind queued at publication (<see cref="JobKind.YearPackagePart"/>; by whichever node is free),
/// or for a zip request that finds it missing. The work is one version's: its lines and its
/// resources compressed as DEFLATE pieces, its folder chosen, its PDF's CRC-32 taken if printed. Stored
/// in one transaction that also finishes the job; a second maker's insert meets the primary key and
/// keeps the first one's.
/// </summary>
public sealed class YearPackageParts(IServiceScopeFactory scopes, PublishedFileStore files, ILogger<YearPackageParts> logger)
{
    /// <summary>The version's files (published_files) are not stored and another node holds their job: try again shortly.</summary>
    public sealed class FilesNotStoredException(int disclosureId)
        : Exception($"the files of disclosure {disclosureId} are being stored by another node");

    /// <summary>pg_advisory_xact_lock's first key: a year's folders are chosen one version at a time.</summary>
    private const int FolderLock = 0x7A1F15;

    /// <summary>How many parts this process made (tests and logs read it).</summary>
    public int MadeCount => _made;
    private int _made;

    /// <summary>Runs a job the runner took.</summary>
    public Task RunJobAsync(Job job, CancellationToken ct) => MakeAsync(job.DisclosureId, ct);

    /// <summary>Makes and stores the version's part unless it is stored; finishes its job if it has one. False if it is no published version.</summary>
    public async Task<bool> MakeAsync(int disclosureId, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        if (await db.YearPackageParts.AnyAsync(p => p.DisclosureId == disclosureId, ct))
        {
            await FinishJobAsync(db, disclosureId, ct);
            return true;
        }
        var d = await scope.ServiceProvider.GetRequiredService<DisclosureReader>().LoadAsync(disclosureId, ct);
        if (d is not { IsPublished: true })
        {
            await FinishJobAsync(db, disclosureId, ct);
            return false;
        }
        // The folder's files first: a stored part means the version's whole share is there (the zip asks only for parts).
        if (!await db.PublishedFiles.AnyAsync(f => f.DisclosureId == disclosureId, ct)
            && await files.StoreNowAsync(disclosureId, ct) is null
            && !await db.PublishedFiles.AnyAsync(f => f.DisclosureId == disclosureId, ct))
            throw new FilesNotStoredException(disclosureId);
        var lines = DeflateFragment.Of(FiscalDataPackage.LinesOf(d));
        // The PDF's CRC-32 once, here, if it was printed before (the print job runs first on a node); else the zip computes it when it copies the PDF.
        var pdf = await db.DisclosurePdfs.AsNoTracking().Where(p => p.DisclosureId == disclosureId && p.Part == DisclosurePdf.WholeDocument)
            .Select(p => p.Content).SingleOrDefaultAsync(ct);
        uint? pdfCrc = pdf is null ? null : System.IO.Hashing.Crc32.HashToUInt32(pdf);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({FolderLock}, {d.FiscalYear})", ct);
            var folder = await FolderAsync(db, d, ct);
            var resources = DeflateFragment.Of(FiscalDataPackage.ResourcesOf(d, folder));
            var pdfResource = DeflateFragment.Of(FiscalDataPackage.PdfResourceOf(d, folder));
            db.YearPackageParts.Add(new YearPackagePart(d.Id, d.DepartmentId, d.FiscalYear, folder, FiscalDataPackage.PdfName(d),
                (lines.Body, lines.Crc32, lines.Length), (resources.Body, resources.Crc32, resources.Length),
                (pdfResource.Body, pdfResource.Crc32, pdfResource.Length), pdfCrc, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(ct);
            await FinishJobAsync(db, disclosureId, ct);
            await tx.CommitAsync(ct);
            Interlocked.Increment(ref _made);
            logger.LogInformation("Made the year package part of disclosure {DisclosureId} ({Bytes} bytes) in {Milliseconds} ms", disclosureId,
                lines.Body.Length + resources.Body.Length + pdfResource.Body.Length, clock.ElapsedMilliseconds);
        }
        // Another node (or request) stored it meanwhile: theirs stays.
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await tx.RollbackAsync(CancellationToken.None);
            logger.LogInformation("The year package part of disclosure {DisclosureId} was stored by another node meanwhile", disclosureId);
        }
        return true;
    }

    /// <summary>
    /// The version's folder: its published name as a folder; with its code added when another department
    /// of the year had that folder first. A department keeps the folder its earlier versions had while its
    /// name stays, so neither a newcomer nor a correction renames an older folder.
    /// </summary>
    private static async Task<string> FolderAsync(BudgetDbContext db, Disclosure d, CancellationToken ct)
    {
        var name = FiscalDataPackage.FolderName(d.DepartmentName);
        var withCode = $"{name}（{d.Department.Code}）";
        var earlier = await db.YearPackageParts.Where(p => p.FiscalYear == d.FiscalYear && p.DepartmentId == d.DepartmentId)
            .OrderByDescending(p => p.DisclosureId).Select(p => p.Folder).FirstOrDefaultAsync(ct);
        if (earlier == name || earlier == withCode) return earlier;
        foreach (var folder in new[] { name, withCode, $"{withCode}（{d.Id}）" })
            if (!await db.YearPackageParts.AnyAsync(p => p.FiscalYear == d.FiscalYear && p.Folder == folder && p.DepartmentId != d.DepartmentId, ct))
                return folder;
        throw new InvalidOperationException($"no free folder for disclosure {d.Id}");
    }

    private static Task<int> FinishJobAsync(BudgetDbContext db, int disclosureId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE jobs SET done_at = now(), lease_until = NULL, last_error = NULL
            WHERE disclosure_id = {disclosureId} AND kind = {JobKind.YearPackagePart.ToString()} AND done_at IS NULL
            """, ct);
}

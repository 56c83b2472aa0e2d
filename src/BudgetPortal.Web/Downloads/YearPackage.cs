using System.Globalization;
using System.Security.Cryptography;
using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// A year's zip (/downloads/{year}.zip) copied from what each version stored once after publication —
/// nothing is loaded as a disclosure and nothing compressed again but a few hundred bytes (the header
/// pieces of budget-lines.csv and datapackage.json): each latest published version's folder (its
/// tables' and 预算明细's files from published_files, its official PDF from disclosure_pdfs), then
/// budget-lines.csv and datapackage.json laid together from the versions' DEFLATE pieces
/// (<see cref="YearPackagePart"/>), then the central directory. The versions are read in batches
/// (a few MB at a time, the connection free between them), three times: their sizes first (so the
/// answer's Content-Length is known before the first byte), their bytes, and their sizes again for the
/// central directory — memory stays a batch's, whatever the number of departments. The versions are
/// fixed at the start (<see cref="PinAsync"/>); what they stored never changes, so the three readings agree.
/// </summary>
public static class YearPackage
{
    /// <summary>One latest published version of the year, as found when the request began: whether its part is stored (its files are then too) and its PDF.</summary>
    public sealed record Pinned
    {
        public int DisclosureId { get; init; }
        public DateTimeOffset PublishedAt { get; init; }
        public bool HasPart { get; init; }
        public bool HasPdf { get; init; }
    }

    /// <summary>The names of a version's stored files that go into its folder, in the folder's order.</summary>
    private static readonly string[] FolderFiles = [.. Enumerable.Range(1, 11).Select(PublishedFile.TableCsvName), PublishedFile.LinesCsvName];

    /// <summary>Versions per batch when only sizes are read.</summary>
    private const int MetadataBatch = 500;
    /// <summary>Bytes per batch of file contents (a batch holds at least one version).</summary>
    private const long ContentBatchBytes = 8 << 20;

    /// <summary>
    /// The year's latest published versions in department code order (the published summaries), with
    /// whether each has its part and its PDF: index probes per version of the year (LATERAL … LIMIT 1),
    /// never a scan of every year's parts or PDFs.
    /// </summary>
    public static Task<List<Pinned>> PinAsync(BudgetDbContext db, int year, CancellationToken ct) =>
        db.Database.SqlQuery<Pinned>($"""
            SELECT s.disclosure_id AS "DisclosureId", s.published_at AS "PublishedAt",
                   y.found IS NOT NULL AS "HasPart", p.found IS NOT NULL AS "HasPdf"
            FROM published_summaries s
            LEFT JOIN LATERAL (SELECT 1 AS found FROM year_package_parts y WHERE y.disclosure_id = s.disclosure_id LIMIT 1) y ON true
            LEFT JOIN LATERAL (SELECT 1 AS found FROM disclosure_pdfs p WHERE p.disclosure_id = s.disclosure_id AND p.part = {DisclosurePdf.WholeDocument} LIMIT 1) p ON true
            WHERE s.fiscal_year = {year}
            ORDER BY s.department_code
            """).ToListAsync(ct);

    /// <summary>
    /// The year's generation (migration YearPackageGenerations): moved in the transaction that changes the year's
    /// latest versions or stores one's PDF — everything else they stored never changes, so the zip's bytes follow
    /// from it. One row, whatever the number of versions; null when nothing of the year was ever published.
    /// </summary>
    public static Task<long?> GenerationAsync(BudgetDbContext db, int year, CancellationToken ct) =>
        db.Database.SqlQuery<long?>($"SELECT generation AS \"Value\" FROM year_package_generations WHERE fiscal_year = {year}").SingleOrDefaultAsync(ct);

    /// <summary>The zip's entity tag: its year and generation.</summary>
    public static EntityTagHeaderValue ETagOf(int year, long generation) =>
        new($"\"year-zip-{year.ToString(CultureInfo.InvariantCulture)}-{generation.ToString(CultureInfo.InvariantCulture)}\"");

    private sealed record PartSizes(int DisclosureId, string Folder, string PdfName, long LinesLength, long LinesCrc32, int LinesSize,
        long ResourcesLength, long ResourcesCrc32, int ResourcesSize, long PdfResourceLength, long PdfResourceCrc32, int PdfResourceSize, long? PdfCrc32);

    private sealed record FileSizes(int DisclosureId, string Name, bool Deflated, long Crc32, long Length, int Size);

    /// <summary>A version's entries (its folder's files) and its part's sizes.</summary>
    private sealed record VersionEntries(Pinned Version, PartSizes Part, List<ZipEntry> Entries);

    /// <summary>The DOS time of a version's entries: its publication, in China's time (UTC+8, the publishing office's clock).</summary>
    private static DateTime Modified(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).DateTime;

    /// <summary>The versions' entries from their stored sizes, a batch of <see cref="MetadataBatch"/> at a time, in pinned order.</summary>
    private static async IAsyncEnumerable<VersionEntries> EntriesAsync(BudgetDbContext db, IReadOnlyList<Pinned> pinned, int from, int to,
        IReadOnlyDictionary<int, uint> pdfCrcs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var start = from; start < to; start += MetadataBatch)
        {
            var batch = pinned.Skip(start).Take(Math.Min(MetadataBatch, to - start)).ToList();
            var ids = batch.Select(p => p.DisclosureId).ToList();
            var parts = await db.YearPackageParts.AsNoTracking().Where(p => ids.Contains(p.DisclosureId))
                .Select(p => new PartSizes(p.DisclosureId, p.Folder, p.PdfName, p.LinesLength, p.LinesCrc32, p.Lines.Length,
                    p.ResourcesLength, p.ResourcesCrc32, p.Resources.Length, p.PdfResourceLength, p.PdfResourceCrc32, p.PdfResource.Length, p.PdfCrc32))
                .ToDictionaryAsync(p => p.DisclosureId, ct);
            var files = (await db.PublishedFiles.AsNoTracking().Where(f => ids.Contains(f.DisclosureId) && FolderFiles.Contains(f.Name))
                .Select(f => new FileSizes(f.DisclosureId, f.Name, f.Deflated, f.Crc32, f.Length, f.Body.Length))
                .ToListAsync(ct)).ToLookup(f => f.DisclosureId);
            var withPdf = batch.Where(p => p.HasPdf).Select(p => p.DisclosureId).ToList();
            var pdfs = withPdf.Count == 0 ? [] : await db.DisclosurePdfs.AsNoTracking()
                .Where(p => withPdf.Contains(p.DisclosureId) && p.Part == DisclosurePdf.WholeDocument)
                .Select(p => new { p.DisclosureId, p.Content.Length }).ToDictionaryAsync(p => p.DisclosureId, p => p.Length, ct);
            foreach (var v in batch)
            {
                if (!parts.TryGetValue(v.DisclosureId, out var part))
                    throw new InvalidOperationException($"disclosure {v.DisclosureId} has no year package part");
                var modified = Modified(v.PublishedAt);
                var entries = files[v.DisclosureId].OrderBy(f => Array.IndexOf(FolderFiles, f.Name))
                    .Select(f => new ZipEntry($"{part.Folder}/{f.Name}", f.Deflated ? ZipMethod.Deflate : ZipMethod.Store, (uint)f.Crc32, f.Size, f.Length, modified))
                    .ToList();
                if (entries.Count < 11) throw new InvalidOperationException($"disclosure {v.DisclosureId} has {entries.Count} stored table files");
                if (v.HasPdf)
                {
                    // Its CRC-32 as kept with the part, or as computed when its bytes were copied (printed after the part was made).
                    var crc = part.PdfCrc32 is { } kept ? (uint)kept : pdfCrcs.GetValueOrDefault(v.DisclosureId);
                    var length = pdfs[v.DisclosureId];
                    entries.Add(new ZipEntry($"{part.Folder}/{part.PdfName}", ZipMethod.Store, crc, length, length, modified));
                }
                yield return new VersionEntries(v, part, entries);
            }
        }
    }

    /// <summary>A file laid together from DEFLATE pieces: its CRC-32, length and compressed size so far.</summary>
    private sealed class Pieces
    {
        public uint Crc32 { get; private set; }
        public long Length { get; private set; }
        public long Size { get; private set; }

        public void Add(long crc32, long length, long size)
        {
            Crc32 = Crc32Combine.Combine(Crc32, (uint)crc32, length);
            Length += length;
            Size += size;
        }

        public void Add(DeflateFragment piece) => Add(piece.Crc32, piece.Length, piece.Body.Length);

        public ZipEntry Entry(string name, DateTime modified) =>
            new(name, ZipMethod.Deflate, Crc32, Size + DeflateFragment.FinalBlock.Length, Length, modified);
    }

    /// <summary>
    /// Writes the zip of <paramref name="pinned"/> (every one with its part and files stored) to
    /// <paramref name="output"/>; <paramref name="length"/> is told its length before the first byte.
    /// </summary>
    public static async Task WriteAsync(Stream output, BudgetDbContext db, int year, IReadOnlyList<Pinned> pinned, Action<long> length, CancellationToken ct)
    {
        var pdfCrcs = new Dictionary<int, uint>();
        var lastPublished = pinned.Max(p => p.PublishedAt);
        var modified = Modified(lastPublished);
        var linesHead = DeflateFragment.Of(FiscalDataPackage.LinesHeader());
        var descriptorHead = DeflateFragment.Of(FiscalDataPackage.Header(year, lastPublished));
        var descriptorFoot = DeflateFragment.Of(FiscalDataPackage.Footer());

        // 1. Sizes: the two files laid together from pieces, every entry's place, the answer's length.
        var lines = new Pieces();
        lines.Add(linesHead);
        var descriptor = new Pieces();
        descriptor.Add(descriptorHead);
        var versionBytes = new long[pinned.Count];
        long offset = 0, directory = 0, count = 0;
        var i = 0;
        await foreach (var v in EntriesAsync(db, pinned, 0, pinned.Count, pdfCrcs, ct))
        {
            foreach (var e in v.Entries)
            {
                directory += ZipStreamWriter.CentralLength(e, offset);
                offset += ZipStreamWriter.EntryLength(e);
                versionBytes[i] += e.CompressedSize;
                count++;
            }
            i++;
            lines.Add(v.Part.LinesCrc32, v.Part.LinesLength, v.Part.LinesSize);
            descriptor.Add(v.Part.ResourcesCrc32, v.Part.ResourcesLength, v.Part.ResourcesSize);
            if (v.Version.HasPdf) descriptor.Add(v.Part.PdfResourceCrc32, v.Part.PdfResourceLength, v.Part.PdfResourceSize);
        }
        descriptor.Add(descriptorFoot);
        var linesEntry = lines.Entry("budget-lines.csv", modified);
        var descriptorEntry = descriptor.Entry("datapackage.json", modified);
        foreach (var e in new[] { linesEntry, descriptorEntry })
        {
            directory += ZipStreamWriter.CentralLength(e, offset);
            offset += ZipStreamWriter.EntryLength(e);
            count++;
        }
        length(offset + directory + ZipStreamWriter.EndLength(count, offset, directory));

        // 2. The folders' files, a few MB of versions at a time.
        var zip = new ZipStreamWriter(output);
        for (var start = 0; start < pinned.Count;)
        {
            var end = start;
            long bytes = 0;
            do bytes += versionBytes[end++]; while (end < pinned.Count && end - start < MetadataBatch && bytes + versionBytes[end] <= ContentBatchBytes);
            var ids = pinned.Skip(start).Take(end - start).Select(p => p.DisclosureId).ToList();
            var bodies = await db.PublishedFiles.AsNoTracking().Where(f => ids.Contains(f.DisclosureId) && FolderFiles.Contains(f.Name))
                .Select(f => new { f.DisclosureId, f.Name, f.Body }).ToDictionaryAsync(f => (f.DisclosureId, f.Name), f => f.Body, ct);
            var withPdf = pinned.Skip(start).Take(end - start).Where(p => p.HasPdf).Select(p => p.DisclosureId).ToList();
            var pdfs = withPdf.Count == 0 ? [] : await db.DisclosurePdfs.AsNoTracking()
                .Where(p => withPdf.Contains(p.DisclosureId) && p.Part == DisclosurePdf.WholeDocument)
                .ToDictionaryAsync(p => p.DisclosureId, p => p.Content, ct);
            foreach (var (id, pdf) in pdfs) pdfCrcs[id] = System.IO.Hashing.Crc32.HashToUInt32(pdf);
            await foreach (var v in EntriesAsync(db, pinned, start, end, pdfCrcs, ct))
            {
                var fileCount = v.Version.HasPdf ? v.Entries.Count - 1 : v.Entries.Count;
                for (var f = 0; f < v.Entries.Count; f++)
                {
                    var e = v.Entries[f];
                    var body = f < fileCount ? bodies[(v.Version.DisclosureId, e.Name[(v.Part.Folder.Length + 1)..])] : pdfs[v.Version.DisclosureId];
                    await zip.AddAsync(e, body, ct);
                }
            }
            await zip.FlushAsync(ct);
            start = end;
        }

        // 3. budget-lines.csv and datapackage.json: the header piece, every version's piece, the end.
        await zip.BeginAsync(linesEntry, ct);
        await zip.WriteAsync(linesHead.Body, ct);
        await foreach (var piece in PiecesAsync(db, pinned, descriptor: false, ct)) await zip.WriteAsync(piece.Body, ct);
        await zip.WriteAsync(DeflateFragment.FinalBlock, ct);
        zip.End();
        await zip.BeginAsync(descriptorEntry, ct);
        await zip.WriteAsync(descriptorHead.Body, ct);
        await foreach (var piece in PiecesAsync(db, pinned, descriptor: true, ct))
        {
            await zip.WriteAsync(piece.Body, ct);
            if (piece.Version.HasPdf) await zip.WriteAsync(piece.PdfResource!, ct);
        }
        await zip.WriteAsync(descriptorFoot.Body, ct);
        await zip.WriteAsync(DeflateFragment.FinalBlock, ct);
        zip.End();

        // 4. The central directory: the same entries read again (every PDF's CRC-32 is known now).
        await zip.FinishAsync(AllEntriesAsync(), ct);

        async IAsyncEnumerable<ZipEntry> AllEntriesAsync()
        {
            await foreach (var v in EntriesAsync(db, pinned, 0, pinned.Count, pdfCrcs, ct))
                foreach (var e in v.Entries) yield return e;
            yield return linesEntry;
            yield return descriptorEntry;
        }
    }

    private sealed record Piece(Pinned Version, byte[] Body, byte[]? PdfResource);

    /// <summary>Every version's piece of budget-lines.csv, or of datapackage.json (with its PDF's resource), in pinned order, <see cref="MetadataBatch"/> versions a query.</summary>
    private static async IAsyncEnumerable<Piece> PiecesAsync(BudgetDbContext db, IReadOnlyList<Pinned> pinned, bool descriptor,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var start = 0; start < pinned.Count; start += MetadataBatch)
        {
            var batch = pinned.Skip(start).Take(MetadataBatch).ToList();
            var ids = batch.Select(p => p.DisclosureId).ToList();
            var rows = !descriptor
                ? await db.YearPackageParts.AsNoTracking().Where(p => ids.Contains(p.DisclosureId))
                    .Select(p => new { p.DisclosureId, Body = p.Lines, PdfResource = (byte[]?)null }).ToDictionaryAsync(p => p.DisclosureId, ct)
                : await db.YearPackageParts.AsNoTracking().Where(p => ids.Contains(p.DisclosureId))
                    .Select(p => new { p.DisclosureId, Body = p.Resources, PdfResource = (byte[]?)p.PdfResource }).ToDictionaryAsync(p => p.DisclosureId, ct);
            foreach (var v in batch)
            {
                var row = rows[v.DisclosureId];
                yield return new Piece(v, row.Body, row.PdfResource);
            }
        }
    }
}

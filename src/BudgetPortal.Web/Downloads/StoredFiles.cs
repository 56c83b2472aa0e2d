using System.Buffers.Binary;
using System.IO.Compression;
using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// Answers a download from the version's stored file (published_files, <see cref="PublishedFileStore"/>):
/// one indexed lookup of the version (through the published summaries for the latest), one read of the
/// file's row. A file stored deflated goes to a client that accepts gzip as gzip made around the stored
/// DEFLATE stream (10-byte header, the stream, CRC-32 and length: nothing is compressed again), to
/// others inflated as it is written; an xlsx as stored. The ETag is the file's (SHA-256); If-None-Match
/// answers 304 without the file.
/// </summary>
public static class StoredFiles
{
    /// <summary>What the API description says of every stored download.</summary>
    public const string Served = "发布时生成并保存；ETag 是文件内容的 SHA-256（前 128 位），支持 If-None-Match；接受 gzip 的客户端收到 gzip 压缩的文件。";

    /// <summary>The version a download is of: its row, the name its files carry, its department and year.</summary>
    public sealed record Target(int Id, int Version, string SignOffName, string DepartmentName, string Code, int Year, BudgetBasis Basis)
    {
        /// <summary>As Disclosure.DepartmentName: the sign-off's 落款单位, else the department's name.</summary>
        public string Name => SignOffName.Length > 0 ? SignOffName : DepartmentName;
    }

    /// <summary>A file of a version: its stored name, and the name it is downloaded as (Chinese, and an ASCII fallback; <c>v</c> the version asked for by number).</summary>
    public sealed record FileKind(string Name, Func<Target, int?, (string Name, string Ascii)> DownloadName, bool LinesOnly = false);

    public static FileKind TableCsv(int n) => new(PublishedFile.TableCsvName(n), (t, v) =>
        ($"{t.Name}{t.Year}年表{n}{TableSchemas.For((TableKind)n, t.Year).Title}{Of(v)}.csv", $"{t.Code}-{t.Year}{Ascii(v)}-table-{n}.csv"));

    public static readonly FileKind Lines = new(PublishedFile.LinesCsvName, (t, v) =>
        ($"{t.Name}{t.Year}年预算明细{Of(v)}.csv", $"{t.Code}-{t.Year}{Ascii(v)}-lines.csv"), LinesOnly: true);

    public static readonly FileKind Workbook = new(PublishedFile.WorkbookName, (t, v) =>
        ($"{t.Name}{t.Year}年部门预算公开表{Of(v)}.xlsx", $"{t.Code}-{t.Year}{Ascii(v)}.xlsx"));

    // A version asked for by its number is named with it: two versions' files side by side stay apart.
    private static string Of(int? v) => v is null ? "" : $"（第{v}版）";
    private static string Ascii(int? v) => v is null ? "" : $"-v{v}";

    /// <summary>The latest published version of a department's year (its summary's row: one indexed lookup).</summary>
    public static IQueryable<Disclosure> Latest(BudgetDbContext db, string code, int year) =>
        db.Disclosures.Where(d => db.PublishedSummaries.Any(s => s.DepartmentCode == code && s.FiscalYear == year && s.DisclosureId == d.Id));

    /// <summary>Version <paramref name="version"/> of a department's year, if published.</summary>
    public static IQueryable<Disclosure> Version(BudgetDbContext db, string code, int year, int version) =>
        db.Disclosures.Where(d => d.Status == DisclosureStatus.Published && d.Version == version && d.Department.Code == code && d.FiscalYear == year);

    public static async Task<IResult> ServeAsync(HttpContext http, BudgetDbContext db, PublishedFileStore store, IQueryable<Disclosure> version,
        int? askedVersion, FileKind kind, CancellationToken ct)
    {
        var target = await version.AsNoTracking()
            .Select(d => new Target(d.Id, d.Version, d.SignOff.Name, d.Department.Name, d.Department.Code, d.FiscalYear, d.Basis))
            .SingleOrDefaultAsync(ct);
        // Only a line-based version has a 预算明细.
        if (target is null || (kind.LinesOnly && target.Basis != BudgetBasis.Lines)) return Results.NotFound();
        var files = db.PublishedFiles.AsNoTracking().Where(f => f.DisclosureId == target.Id && f.Name == kind.Name);

        // A client that has the file: the tag alone is read.
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch is { Count: > 0 } && await files.Select(f => new { f.ETag, f.Deflated }).SingleOrDefaultAsync(ct) is { } tag
            && Matches(ifNoneMatch, new EntityTagHeaderValue(tag.ETag)))
        {
            SetHeaders(http, target, askedVersion, kind, tag.ETag, tag.Deflated);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var file = await files.SingleOrDefaultAsync(ct) ?? await NotStoredYetAsync(db, store, target, kind, ct);
        if (file is null) return Results.NotFound();
        SetHeaders(http, target, askedVersion, kind, file.ETag, file.Deflated);
        if (ifNoneMatch is { Count: > 0 } && Matches(ifNoneMatch, new EntityTagHeaderValue(file.ETag)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        await WriteAsync(http, file, ct);
        return Results.Empty;
    }

    /// <summary>
    /// The file when its version's are not stored: the request takes the version's job and stores them
    /// all (a fraction of a second, and then every later request reads them); if another node holds the
    /// job, this one file is built for this answer and not stored. Null if the version has no such file.
    /// </summary>
    private static async Task<PublishedFile?> NotStoredYetAsync(BudgetDbContext db, PublishedFileStore store, Target target, FileKind kind, CancellationToken ct)
    {
        if (await db.PublishedFiles.AnyAsync(f => f.DisclosureId == target.Id, ct)) return null;
        if (await store.StoreNowAsync(target.Id, ct) is { } stored) return stored.FirstOrDefault(f => f.Name == kind.Name);
        return await db.PublishedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.DisclosureId == target.Id && f.Name == kind.Name, ct)
            ?? await store.BuildUnstoredAsync(target.Id, kind.Name, ct);
    }

    private static bool Matches(IList<EntityTagHeaderValue> ifNoneMatch, EntityTagHeaderValue etag) =>
        ifNoneMatch.Any(m => m.Tag == "*" || m.Compare(etag, useStrongComparison: false));

    private static void SetHeaders(HttpContext http, Target target, int? askedVersion, FileKind kind, string etag, bool deflated)
    {
        var (name, ascii) = kind.DownloadName(target, askedVersion);
        DownloadEndpoints.Attachment(http, name, ascii);
        PublishedContent.SetCachingHeaders(http.Response);
        http.Response.Headers.ETag = etag;
        // What a deflated file is sent as depends on the client's Accept-Encoding.
        if (deflated && !http.Response.Headers.Vary.Contains(HeaderNames.AcceptEncoding))
            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
    }

    private static async Task WriteAsync(HttpContext http, PublishedFile file, CancellationToken ct)
    {
        var response = http.Response;
        response.ContentType = file.MediaType;
        if (!file.Deflated)
        {
            response.ContentLength = file.Body.Length;
            await response.Body.WriteAsync(file.Body, ct);
        }
        else if (AcceptsGzip(http.Request))
        {
            // Set before the body: the response compression leaves an encoded answer as it is.
            response.Headers.ContentEncoding = "gzip";
            response.ContentLength = GzipHeader.Length + file.Body.Length + 8;
            await response.Body.WriteAsync(GzipHeader, ct);
            await response.Body.WriteAsync(file.Body, ct);
            var trailer = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, (uint)file.Crc32);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), unchecked((uint)file.Length));
            await response.Body.WriteAsync(trailer, ct);
        }
        else
        {
            // Inflated as it streams (the response compression may still give it another encoding the client asked for).
            response.ContentLength = file.Length;
            await using var inflate = new DeflateStream(new MemoryStream(file.Body), CompressionMode.Decompress);
            await inflate.CopyToAsync(response.Body, ct);
        }
    }

    /// <summary>gzip's member header (RFC 1952): magic, method 8 (deflate), no flags, no time, no extra flags, OS unknown.</summary>
    private static readonly byte[] GzipHeader = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];

    /// <summary>Whether Accept-Encoding names gzip (or *) with a quality above zero, and not gzip;q=0.</summary>
    public static bool AcceptsGzip(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted)) return false;
        var gzip = accepted.FirstOrDefault(a => a.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
                   ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal));
        return gzip is not null && (gzip.Quality ?? 1) > 0;
    }
}

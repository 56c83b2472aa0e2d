using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;

using BudgetPortal.Domain;

namespace BudgetPortal.Data;

/// <summary>
/// One file of a published version as made once, at publication, and kept (issue 15): a table's CSV
/// (表1.csv … 表11.csv), the 预算明细 (预算明细.csv, line-based versions only), the workbook
/// (部门预算公开表.xlsx). The name is the file's name in the department's folder of the year's zip, so the
/// zip and the downloads copy the stored bytes as they are. A text file is stored compressed as a raw
/// DEFLATE stream (RFC 1951, complete with its final block: what a zip entry of method 8 holds and what
/// gzip wraps), with the file's own length and CRC-32 (what zip and gzip need beside it); a file that is
/// compressed already (xlsx) is stored as it is. Stored rows are never changed or deleted (database trigger).
/// </summary>
public sealed class PublishedFile
{
    /// <summary>The longest name kept (a file's name inside a disclosure's folder).</summary>
    public const int MaxNameLength = 100;
    public const string CsvMediaType = "text/csv; charset=utf-8";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The names a version's files have: 表N.csv, 预算明细.csv, 部门预算公开表.xlsx.</summary>
    public static string TableCsvName(int table) => $"表{table}.csv";
    public const string LinesCsvName = "预算明细.csv";
    public const string WorkbookName = "部门预算公开表.xlsx";

    private PublishedFile() { }

    /// <summary>A file kept compressed (a text file): DEFLATE at the smallest size, its length and CRC-32 of the file's own bytes.</summary>
    public static PublishedFile Deflate(int disclosureId, string name, string mediaType, ReadOnlySpan<byte> file, DateTimeOffset storedAt)
    {
        using var body = new MemoryStream(file.Length / 4 + 64);
        using (var deflate = new DeflateStream(body, CompressionLevel.SmallestSize, leaveOpen: true))
            deflate.Write(file);
        return new PublishedFile(disclosureId, name, mediaType, deflated: true, body.ToArray(), file, storedAt);
    }

    /// <summary>A file kept as it is (compressed already, as an xlsx package is).</summary>
    public static PublishedFile AsIs(int disclosureId, string name, string mediaType, byte[] file, DateTimeOffset storedAt) =>
        new(disclosureId, name, mediaType, deflated: false, file, file, storedAt);

    private PublishedFile(int disclosureId, string name, string mediaType, bool deflated, byte[] body, ReadOnlySpan<byte> file, DateTimeOffset storedAt)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.IndexOfAny(['/', '\\']) >= 0)
            throw new DomainException($"文件名“{name}”无效：不能为空、不能含“/”或“\\”，最长 {MaxNameLength} 个字符。");
        DisclosureId = disclosureId;
        Name = name;
        MediaType = mediaType;
        Deflated = deflated;
        Body = body;
        Length = file.Length;
        Crc32 = System.IO.Hashing.Crc32.HashToUInt32(file);
        ETag = ETagOf(file);
        StoredAt = storedAt;
    }

    public int DisclosureId { get; private set; }
    /// <summary>The file's name inside the disclosure (表3.csv), as in the department's folder of the year's zip.</summary>
    public string Name { get; private set; } = "";
    /// <summary>The Content-Type it is served with.</summary>
    public string MediaType { get; private set; } = "";
    /// <summary>True: <see cref="Body"/> is the file as a raw DEFLATE stream; false: the file as it is.</summary>
    public bool Deflated { get; private set; }
    public byte[] Body { get; private set; } = [];
    /// <summary>The file's own size in bytes (inflated).</summary>
    public long Length { get; private set; }
    /// <summary>CRC-32 (IEEE, as zip and gzip) of the file's own bytes.</summary>
    public long Crc32 { get; private set; }
    /// <summary>Strong entity tag, quoted: the first 128 bits of the SHA-256 of the file's bytes, base64url.</summary>
    public string ETag { get; private set; } = "";
    public DateTimeOffset StoredAt { get; private set; }

    /// <summary>The file's own bytes (inflated if stored deflated).</summary>
    public byte[] Content()
    {
        if (!Deflated) return Body;
        var file = new byte[Length];
        using var inflate = new DeflateStream(new MemoryStream(Body), CompressionMode.Decompress);
        inflate.ReadExactly(file);
        return file;
    }

    /// <summary>The strong entity tag of a file's bytes, quoted (the same as the portal's answers built in memory).</summary>
    public static string ETagOf(ReadOnlySpan<byte> file) =>
        "\"" + Convert.ToBase64String(SHA256.HashData(file)[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
}

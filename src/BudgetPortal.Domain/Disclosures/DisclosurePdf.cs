using System.Security.Cryptography;

namespace BudgetPortal.Domain.Disclosures;

/// <summary>
/// The official PDF of a published version, as printed once and kept: the whole document (Part 0)
/// or one of its tables (Part = 表 N). Its SHA-256 lets anyone verify a downloaded file; stored rows
/// are never changed or deleted (database trigger).
/// </summary>
public sealed class DisclosurePdf
{
    public const int WholeDocument = 0;

    private DisclosurePdf() { }

    public DisclosurePdf(int disclosureId, int part, byte[] content, DateTimeOffset printedAt)
    {
        if (part is < 0 or > 11)
            throw new DomainException($"PDF 部分 {part} 无效：0 为全文，1–11 为表 1–表 11。");
        if (content.Length < 5 || content[0] != '%' || content[1] != 'P' || content[2] != 'D' || content[3] != 'F')
            throw new DomainException("打印结果不是 PDF 文件。");
        DisclosureId = disclosureId;
        Part = part;
        Content = content;
        Sha256 = HashOf(content);
        PrintedAt = printedAt;
    }

    public int DisclosureId { get; private set; }
    public int Part { get; private set; }
    public byte[] Content { get; private set; } = [];
    /// <summary>Lower-case hex, as `sha256sum` prints it.</summary>
    public string Sha256 { get; private set; } = "";
    public DateTimeOffset PrintedAt { get; private set; }

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

using System.IO.Compression;

namespace BudgetPortal.Web.Uploads;

/// <summary>Why an .xlsx cannot be read, in Chinese.</summary>
public sealed class UnpackedSizeException(string message) : Exception(message);

/// <summary>
/// An .xlsx is a zip: 219 KB can unpack to 200 MB. Before any reader opens it, the sizes its entries
/// declare are added up, and then every entry is actually inflated into nothing, counting, and
/// stopped at the limit — a zip whose declared sizes lie is caught too, and nothing is held in
/// memory. Past <see cref="UploadLimits.UnpackedBytes"/> the file is refused.
/// </summary>
public static class UnpackedSize
{
    public static void Check(Stream zipFile, long maxUnpacked)
    {
        var start = zipFile.Position;
        var refusal = $"工作簿解压后超过 {UploadLimits.Megabytes(maxUnpacked)}，不能读取（正常的工作簿解压后不到 1 MB）。";
        try
        {
            using var zip = new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Sum(e => e.Length) > maxUnpacked) throw new UnpackedSizeException(refusal);
            var total = 0L;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                    if ((total += read) > maxUnpacked) throw new UnpackedSizeException(refusal);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new UnpackedSizeException("文件不是有效的 Excel 工作簿（.xlsx）：压缩内容已损坏。");
        }
        finally
        {
            zipFile.Position = start;
        }
    }
}

using System.Text;

namespace BudgetPortal.Web.Uploads;

/// <summary>
/// The name a browser sent with a file is the sender's text: any length (3,000 characters), any
/// characters, a path. It is only ever shown (shortened) or used as a file name on disk (shortened to
/// what a file system takes, 255 bytes), never trusted.
/// </summary>
public static class UploadedFileName
{
    /// <summary>Characters of a name shown in a message or the audit log.</summary>
    public const int ShownLength = 100;

    /// <summary>UTF-8 bytes of a name written to disk (ext4 and most file systems take 255).</summary>
    public const int DiskBytes = 200;

    /// <summary>The last path part, control characters removed, shortened with … keeping the extension.</summary>
    public static string Display(string? fileName)
    {
        var name = Clean(fileName);
        return name.Length <= ShownLength ? name : Shorten(name, n => n.Length <= ShownLength);
    }

    /// <summary>A name safe to create in a temporary folder: no path, no control characters, at most <see cref="DiskBytes"/> bytes.</summary>
    public static string ForDisk(string? fileName)
    {
        var name = Clean(fileName).Replace('/', '_').Replace('\\', '_');
        if (name is "" or "." or "..") name = "upload";
        return Encoding.UTF8.GetByteCount(name) <= DiskBytes ? name : Shorten(name, n => Encoding.UTF8.GetByteCount(n) <= DiskBytes);
    }

    private static string Clean(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        return new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
    }

    private static string Shorten(string name, Func<string, bool> fits)
    {
        var extension = Path.GetExtension(name);
        if (extension.Length > 10) extension = "";
        var stem = name[..^extension.Length];
        var length = stem.Length;
        string candidate;
        do candidate = stem[..--length] + "…" + extension;
        while (length > 0 && !fits(candidate));
        return candidate;
    }
}

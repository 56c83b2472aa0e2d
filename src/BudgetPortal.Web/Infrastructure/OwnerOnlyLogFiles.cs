using System.Text;
using Serilog.Sinks.File;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// The log holds user names, addresses and what people did: only the account running the portal
/// reads it. A missing folder is made with mode 700 before the first file exists, so a file is never
/// readable by others even in the instant before it is narrowed to 600. An existing folder keeps its
/// mode (it may be a shared one such as /var/log; run.sh narrows its own .data/logs), but the
/// portal's earlier files in it are narrowed to 600.
/// </summary>
public sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder of the log path (mode 700) or narrows the portal's earlier files in it (600).</summary>
    public static void PrepareFolder(string logPath)
    {
        var full = Path.GetFullPath(logPath);
        var folder = Path.GetDirectoryName(full)!;
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(folder); return; }
        if (!Directory.Exists(folder)) { Directory.CreateDirectory(folder, OwnerFolder); return; }
        // The rolling file names are the configured name with the date inserted before the extension.
        var pattern = Path.GetFileNameWithoutExtension(full) + "*" + Path.GetExtension(full);
        foreach (var file in Directory.EnumerateFiles(folder, pattern))
            if ((File.GetUnixFileMode(file) & ~OwnerFile) != 0) File.SetUnixFileMode(file, OwnerFile);
    }

    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerFile);
        return underlyingStream;
    }
}

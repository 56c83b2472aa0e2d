using System.Diagnostics;
using System.Globalization;
using System.Text;
using BudgetPortal.Web.Uploads;

namespace BudgetPortal.Web.Import;

/// <summary>
/// A PDF's text through poppler (`pdftotext -layout`), within explicit limits (<see cref="UploadLimits"/>):
/// pdfinfo counts the pages first (a 104 KB PDF of 60 pages sharing a 20 MB content stream kept
/// pdftotext busy for a minute), each program is killed with its children after
/// <see cref="UploadLimits.PdfSeconds"/>, and the text is read only up to
/// <see cref="UploadLimits.PdfTextChars"/>. Every refusal is an <see cref="InvalidOperationException"/>
/// with a Chinese message, which the import reports as the file's failure.
/// </summary>
public static class PdfText
{
    public static async Task<string> ReadAsync(string file, UploadLimits limits)
    {
        var info = await RunAsync("pdfinfo", [file], limits.PdfSeconds, 64 * 1024, "pdfinfo");
        var pages = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        if (pages is null || !int.TryParse(pages["Pages:".Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new InvalidOperationException("无法读取 PDF 的页数，文件可能不是有效的 PDF。");
        if (count > limits.PdfPages)
            throw new InvalidOperationException($"PDF 有 {count} 页，超过 {limits.PdfPages} 页的上限（预算公开文件通常为 20–60 页）。");
        return await RunAsync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], limits.PdfSeconds, limits.PdfTextChars, "pdftotext");
    }

    /// <summary>Runs a program, its standard output read up to maxChars; killed (with its children) past the time or the size.</summary>
    private static async Task<string> RunAsync(string program, string[] arguments, int seconds, int maxChars, string name)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} 无法启动（请安装 poppler-utils）。");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        try
        {
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer, timeout.Token)) > 0)
            {
                text.Append(buffer, 0, read);
                if (text.Length > maxChars)
                {
                    Kill(process);
                    throw new InvalidOperationException($"PDF 提取出的文字超过 {maxChars:#,0} 个字符的上限，不是一份预算公开文件。");
                }
            }
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new InvalidOperationException($"读取 PDF 超过 {seconds} 秒仍未完成，已停止（文件可能过于复杂或已损坏）。");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{name} 无法读取此 PDF：{(await error).Trim()}");
        return text.ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
    }
}

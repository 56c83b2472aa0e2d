using System.Diagnostics;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>
/// poppler-utils' pdftotext, installed by ./test.sh, run on a PDF's bytes: the text laid out as the
/// import reads uploaded PDFs. Everything else in a PDF (structure, outline, metadata, fonts) is read with PdfPig (PdfPigReader).
/// </summary>
public static class Poppler
{
    /// <summary>pdftotext -layout, one string per page (pages are separated by form feeds).</summary>
    public static async Task<IReadOnlyList<string>> PageTextsAsync(byte[] pdf)
    {
        var text = await RunAsync("pdftotext", pdf, "-layout", "-enc", "UTF-8", "{file}", "-");
        var pages = text.Split('\f').ToList();
        if (pages.Count > 0 && string.IsNullOrWhiteSpace(pages[^1])) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bp-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a == "{file}" ? file : a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await error}");
            return await output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using System.Diagnostics;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Tests.Import.Corpus;

namespace BudgetPortal.Benchmarks;

/// <summary>The whole variation corpus: every readable seed re-typeset N times, imported and scored; the shares and the failures printed.</summary>
internal static class CorpusCommand
{
    /// <summary>One variant's text written to a file, its import report and its scores printed.</summary>
    public static void Show(string seed, int number, string file, string? printed = null)
    {
        var catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Root, "seeds", "classification"));
        var run = new CorpusRun();
        var source = printed is null ? CorpusRun.Source(Repo.Root, seed)
            : PrintedTexts(printed).Select(t => CorpusRun.PrintedSource(Repo.Root, t)).Single(s => s.Id == seed);
        var result = run.Run(source, number, catalog);
        File.WriteAllText(file, result.Variant.Text);
        Console.WriteLine(result.Import.Report.ToText());
        Console.WriteLine(run.Failures(1));
    }

    /// <param name="printed">
    /// A folder of the seeds as the portal prints them (`GET /departments/{code}/{year}.pdf`, or the
    /// `pdftotext -layout` text of such a PDF): each is a second base text, re-typeset as often as a seed.
    /// </param>
    public static void Run(int perSeed, int failures, string? printed = null)
    {
        var catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Root, "seeds", "classification"));
        var run = new CorpusRun();
        var clock = Stopwatch.StartNew();
        var sources = CorpusRun.Seeds.Select(seed => CorpusRun.Source(Repo.Root, seed)).ToList();
        if (printed is not null) sources.AddRange(PrintedTexts(printed).Select(t => CorpusRun.PrintedSource(Repo.Root, t)).OrderBy(s => s.Id, StringComparer.Ordinal));
        foreach (var source in sources)
            for (var n = 0; n < perSeed; n++) run.Run(source, n, catalog);
        Console.WriteLine($"{run.Results.Count} variants in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine(run.Summary());
        Console.WriteLine(run.Failures(failures));
    }

    /// <summary>The laid-out text of each PDF of a folder (pdftotext -layout, as the import reads a PDF), and each .txt without a PDF of its name as it is.</summary>
    private static IEnumerable<string> PrintedTexts(string folder)
    {
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && !File.Exists(Path.ChangeExtension(file, ".pdf"))) yield return File.ReadAllText(file);
            else if (file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                using var p = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
                var text = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0) throw new InvalidOperationException($"pdftotext failed on {file}");
                yield return text;
            }
        }
    }
}

using System.Diagnostics;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Tests.Import.Corpus;

namespace BudgetPortal.Benchmarks;

/// <summary>The whole variation corpus: every readable seed re-typeset N times, imported and scored; the shares and the failures printed.</summary>
internal static class CorpusCommand
{
    /// <summary>One variant's text written to a file, its import report and its scores printed.</summary>
    public static void Show(string seed, int number, string file)
    {
        var catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Root, "seeds", "classification"));
        var run = new CorpusRun();
        var result = run.Run(CorpusRun.Source(Repo.Root, seed), number, catalog);
        File.WriteAllText(file, result.Variant.Text);
        Console.WriteLine(result.Import.Report.ToText());
        Console.WriteLine(run.Failures(1));
    }

    public static void Run(int perSeed, int failures)
    {
        var catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Root, "seeds", "classification"));
        var run = new CorpusRun();
        var clock = Stopwatch.StartNew();
        foreach (var seed in CorpusRun.Seeds)
        {
            var source = CorpusRun.Source(Repo.Root, seed);
            for (var n = 0; n < perSeed; n++) run.Run(source, n, catalog);
        }
        Console.WriteLine($"{run.Results.Count} variants in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine(run.Summary());
        Console.WriteLine(run.Failures(failures));
    }
}

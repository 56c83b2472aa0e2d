using BenchmarkDotNet.Running;
using BudgetPortal.Benchmarks;

// `corpus [variants per seed] [failures shown] [folder of printed seed PDFs]`: the variation corpus of issue 13 imported and scored (docs/benchmarks.md);
// anything else goes to BenchmarkDotNet.
if (args.Length is 4 or 5 && args[0] == "corpus-show")
{
    CorpusCommand.Show(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3], args.Length > 4 ? args[4] : null);
    return;
}
// `corpus-lines FILE`: a printed seed's text as the corpus cuts it (the lines the layout reader gives back).
if (args.Length == 2 && args[0] == "corpus-lines")
{
    foreach (var l in BudgetPortal.Domain.Import.LayoutText.Lines(File.ReadAllText(args[1])))
        Console.WriteLine((l.Indented ? "[I]" : "") + (l.Tabbed ? "[T]" + string.Join(" | ", l.Cells!) : l.Text));
    return;
}
// `archive --departments N …`: the synthetic archive of issue 15 (ArchiveCommand).
if (args.Length > 0 && args[0] == "archive")
{
    Environment.ExitCode = await ArchiveCommand.RunAsync(args[1..]);
    return;
}
// `publish-lines CODE SEEDS`: a line-based disclosure to measure the 预算明细 download with (PublishLinesCommand).
if (args.Length > 0 && args[0] == "publish-lines")
{
    Environment.ExitCode = await PublishLinesCommand.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "corpus")
{
    CorpusCommand.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30,
        args.Length > 3 ? args[3] : null);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;

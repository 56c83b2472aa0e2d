using BenchmarkDotNet.Running;
using BudgetPortal.Benchmarks;

// `corpus [variants per seed]`: the variation corpus of issue 13 imported and scored (docs/benchmarks.md);
// anything else goes to BenchmarkDotNet.
if (args.Length == 4 && args[0] == "corpus-show")
{
    CorpusCommand.Show(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
    return;
}
// `archive --departments N …`: the synthetic archive of issue 15 (ArchiveCommand).
if (args.Length > 0 && args[0] == "archive")
{
    Environment.ExitCode = await ArchiveCommand.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "corpus")
{
    CorpusCommand.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;

using BudgetPortal.Domain.Tests.Import.Corpus;
using BudgetPortal.Domain.Tests.Seeds;
using Xunit.Abstractions;

namespace BudgetPortal.Domain.Tests.Import;

/// <summary>
/// A sample of the variation corpus (issue 13): each readable seed re-typeset the ways other offices'
/// PDFs come out. Every figure the import places is the transcription's, and a part that is not read
/// exactly is listed for an officer, never different without a word. How many variants import
/// completely is measured on the whole corpus by `BudgetPortal.Benchmarks corpus` (docs/benchmarks.md):
/// the issue asks 99 %; this test holds the share reached so far (per seed, over its sample) so that it
/// cannot fall back unnoticed.
/// </summary>
public sealed class VariantCorpusTests(ITestOutputHelper output)
{
    private const int PerSeed = 12;

    public static TheoryData<string, int> Seeds => new() { { "000", 3 }, { "001", 12 }, { "003", 1 } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void VariantsImportWithoutAWrongFigure(string seed, int completeAtLeast)
    {
        var run = new CorpusRun();
        var source = CorpusRun.Source(SeedFiles.RepoRoot, seed);
        for (var n = 0; n < PerSeed; n++) run.Run(source, n, SeedImportTests.Catalog);
        output.WriteLine(run.Summary());
        output.WriteLine(run.Failures(5));
        Assert.True(run.Results.All(r => !r.WrongFigures.Any()), run.Failures());
        Assert.True(run.Results.All(r => r.Parts.All(p => p.Outcome != PartOutcome.Differs)), run.Failures());
        Assert.True(run.Results.Count(r => r.Complete) >= completeAtLeast, run.Failures());
    }

    [Fact]
    public void AVariantIsTheSameForTheSameNumberAndDiffersForAnother()
    {
        var source = CorpusRun.Source(SeedFiles.RepoRoot, "000");
        var a = VariantGenerator.Make(source, 3);
        Assert.Equal(a.Text, VariantGenerator.Make(source, 3).Text);
        Assert.NotEqual(a.Text, VariantGenerator.Make(source, 4).Text);
    }
}

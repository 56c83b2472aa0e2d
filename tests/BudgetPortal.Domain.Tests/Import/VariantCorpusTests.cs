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
public sealed partial class VariantCorpusTests(ITestOutputHelper output)
{
    private const int PerSeed = 12;

    // Every variant of the sample imports completely (the whole corpus: 99.9 %, docs/benchmarks.md).
    public static TheoryData<string, int> Seeds => new() { { "000", 14 }, { "001", 14 }, { "003", 14 } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void VariantsImportWithoutAWrongFigure(string seed, int completeAtLeast)
    {
        var run = new CorpusRun();
        var source = CorpusRun.Source(SeedFiles.RepoRoot, seed);
        // The sample, and the first two variants after it where a page break repeats 表1's header right
        // before a numbered row with a figure (“2、非财政拨款结转结余 6.10”: in 003 such a row was once taken for header).
        var numbers = Enumerable.Range(0, PerSeed).Concat(Enumerable.Range(PerSeed, 88)
            .Where(n => RowAfterRepeatedHeader(VariantGenerator.Make(source, n).Text, 1) is { } row && NumberedRow().IsMatch(row)).Take(2));
        foreach (var n in numbers) run.Run(source, n, SeedImportTests.Catalog);
        output.WriteLine($"variants {string.Join(", ", numbers)}");
        output.WriteLine(run.Summary());
        output.WriteLine(run.Failures(5));
        Assert.True(run.Results.All(r => !r.WrongFigures.Any()), run.Failures());
        Assert.True(run.Results.All(r => r.Parts.All(p => p.Outcome != PartOutcome.Differs)), run.Failures());
        Assert.True(run.Results.Count(r => r.Complete) >= completeAtLeast, run.Failures());
    }

    /// <summary>The first row after table N's header where a page break repeated it (the header: its 编制部门 line to its first 一、 row); null when no page broke inside it.</summary>
    private static string? RowAfterRepeatedHeader(string text, int table)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var start = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^表\s*{table}$"));
        var end = lines.FindIndex(start + 1, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^表\s*\d{1,2}$"));
        var units = Enumerable.Range(start, end - start).Where(i => lines[i].StartsWith("编制部门", StringComparison.Ordinal)).ToList();
        if (units.Count < 2) return null;
        var headerLength = lines.FindIndex(units[0], l => l.StartsWith("一、", StringComparison.Ordinal)) - units[0];
        var after = units[1] + headerLength;
        return after < end ? lines[after].Replace(" ", "") : null;
    }

    [Fact]
    public void AVariantIsTheSameForTheSameNumberAndDiffersForAnother()
    {
        var source = CorpusRun.Source(SeedFiles.RepoRoot, "000");
        var a = VariantGenerator.Make(source, 3);
        Assert.Equal(a.Text, VariantGenerator.Make(source, 3).Text);
        Assert.NotEqual(a.Text, VariantGenerator.Make(source, 4).Text);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d[、.].*\d\.\d\d")]
    private static partial System.Text.RegularExpressions.Regex NumberedRow();
}

using System.Globalization;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Seeds;
using Xunit.Abstractions;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>
/// The notes of each seed, drafted from its tables and the prior-year figures its own notes state,
/// against the published paragraphs sentence by sentence: they differ exactly where the published
/// text is wrong (domain spec §4: X1, X3, D1, R1–R4), and only in the numbers.
/// </summary>
public sealed class SeedNoteDraftTests(ITestOutputHelper output)
{
    /// <summary>A differing number: where it is, what is printed, and the right value computed here.</summary>
    private sealed record Expected(string Error, string Section, string Printed, string Right);

    /// <summary>
    /// The spec's errors per seed. The printed figures are quoted from the published text; the right
    /// figures are computed from the seed's tables and printed note figures with exact decimals.
    /// </summary>
    private static IReadOnlyList<Expected> SpecErrors(string seed, Disclosure d) => seed switch
    {
        "000" => [],
        "001" =>
        [
            new("X1", "12.4", "308.101", Amount(d.Table(TableKind.IncomeAndExpenditure).Total!.Amount("income"))),
            new("R1", "5.2", "80.88", ShareOfTable5(d, "201")),
        ],
        "002" =>
        [
            new("R4", "2", "13.86", ChangeStated(d, "2", "generalBudget")),
            new("R4", "3", "27.01", ChangeStated(d, "3", "basic")),
            new("R4", "5.1", "27.01", ChangeStated(d, "5.1", "basic")),
            new("R2", "5.2", "83.78", ShareOfTable5(d, "201")),
            new("R4", "5.3", "26.17", ChangeStated(d, "5.3", "2010450")),
            new("X3", "5.3", "28.45", ChangeStated(d, "5.3", "2101102")),
            new("D1", "12.4", "0", NonFiscalProjectCount(d)),
            new("D1", "12.4", "0", NonFiscalProjectAmount(d)),
        ],
        "003" =>
        [
            new("R3", "5.2", "80.22", ShareOfTable5(d, "201")),
            new("R3", "5.2", "5.63", ShareOfTable5(d, "221")),
            new("D1", "12.4", "0", NonFiscalProjectCount(d)),
            new("D1", "12.4", "0", NonFiscalProjectAmount(d)),
        ],
        _ => throw new ArgumentException($"No expectation for seed {seed}."),
    };

    [Fact]
    public void EverySeedHasItsListOfErrorsAndEachIsAnError() =>
        // A seed added without its list throws in SpecErrors; a listed figure equal to the right one is no error.
        Assert.All(SeedFiles.All, s => Assert.All(SpecErrors(s.Id, s.Load()), e => Assert.NotEqual(e.Printed, e.Right)));

    [Fact]
    public void TheRightValuesAreThoseOfTheSpec()
    {
        // Domain spec §4, worked with exact decimals: the values the published text should have printed.
        string Right(string seed, string error, string printed) =>
            SpecErrors(seed, SeedFiles.Get(seed).Load()).Single(e => e.Error == error && e.Printed == printed).Right;
        Assert.Equal("318.10", Right("001", "X1", "308.101"));
        Assert.Equal("80.87", Right("001", "R1", "80.88"));   // 165.87 / 205.10 = 80.8727
        Assert.Equal("83.79", Right("002", "R2", "83.78"));   // 195.92 / 233.82 = 83.7910
        Assert.Equal("13.85", Right("002", "R4", "13.86"));   // 28.45 / 205.37 = 13.853
        Assert.Equal("26.16", Right("002", "R4", "26.17"));   // 19.89 / 76.03 = 26.161
        Assert.Equal("28.57", Right("002", "X3", "28.45"));   // 1.48 / 5.18 = 28.571
        Assert.Equal("80.23", Right("003", "R3", "80.22"));   // 235.92 / 294.06 = 80.2285
        Assert.Equal("5.62", Right("003", "R3", "5.63"));     // 16.54 / 294.06 = 5.6247
        Assert.Equal(["27.00", "27.00"], SpecErrors("002", SeedFiles.Get("002").Load())
            .Where(e => e.Printed == "27.01").Select(e => e.Right));   // 28.45 / 105.37 = 27.0001
        Assert.Equal(["1", "80.00"], SpecErrors("002", SeedFiles.Get("002").Load()).Where(e => e.Error == "D1").Select(e => e.Right));
        Assert.Equal(["1", "6.10"], SpecErrors("003", SeedFiles.Get("003").Load()).Where(e => e.Error == "D1").Select(e => e.Right));
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void DraftedNotesDifferFromThePublishedExactlyByTheSpecsErrors(string seed)
    {
        var disclosure = SeedFiles.Get(seed).Load();
        var drafted = NoteDrafter.Draft(disclosure, PriorYearFigures.FromNoteLines(disclosure));

        var differences = NoteComparison.Compare(disclosure, drafted);
        foreach (var difference in differences)
            output.WriteLine($"{difference}\n    {string.Join(", ", difference.NumberChanges)}");

        Assert.All(differences, d => Assert.True(d.OnlyNumbersDiffer, $"Not only numbers differ: {d}"));
        var found = differences
            .SelectMany(d => d.NumberChanges.Select(n => (d.SectionKey, n.Published, n.Drafted)))
            .Order().ToList();
        var expected = SpecErrors(seed, disclosure).Select(e => (e.Section, e.Printed, e.Right)).Order().ToList();
        Assert.Equal(expected, found);
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void EveryDraftedSectionHasAsManySentencesAsThePublished(string seed)
    {
        var disclosure = SeedFiles.Get(seed).Load();
        var drafted = NoteDrafter.Draft(disclosure, PriorYearFigures.FromNoteLines(disclosure));
        foreach (var key in drafted.Keys)
            Assert.Equal(NoteComparison.Sentences(disclosure.Note(key)!.Paragraphs).Count, NoteComparison.Sentences(drafted[key]).Count);
    }

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal part, decimal whole) =>
        Amount(Math.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero));

    /// <summary>五(二): a 类's share of the 表5 total.</summary>
    private static string ShareOfTable5(Disclosure d, string category)
    {
        var table5 = d.Table(TableKind.GeneralBudget);
        return Percent(table5.ByCode(category)!.Amount("total"), table5.Total!.Amount("total"));
    }

    /// <summary>The change percentage a note line's printed amount and change imply: |Δ| / (amount − Δ).</summary>
    private static string ChangeStated(Disclosure d, string section, string key)
    {
        var line = d.Note(section)!.Line(key)!;
        return Percent(Math.Abs(line.Change!.Value), line.Amount!.Value - line.Change.Value);
    }

    /// <summary>十二(四): the carried-over non-fiscal projects of 表11.</summary>
    private static string NonFiscalProjectCount(Disclosure d) =>
        d.Table(TableKind.Carryover).OfKind(RowKind.Project).Count().ToString(CultureInfo.InvariantCulture);

    /// <summary>十二(四): 表3 项目 − 表5 项目.</summary>
    private static string NonFiscalProjectAmount(Disclosure d) =>
        Amount(d.Table(TableKind.Expenditure).Total!.Amount("project") - d.Table(TableKind.GeneralBudget).Total!.Amount("project"));
}

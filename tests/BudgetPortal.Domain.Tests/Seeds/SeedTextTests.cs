using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Tests.Seeds;

/// <summary>
/// Nothing in a seed transcription is invented: every sentence it stores occurs in the extracted source
/// text beside it, once the layout artifacts the format undoes (line wrapping, page numbers, markdown
/// residue) are undone in the source too. Comparisons ignore whitespace: wrapping is whitespace.
/// </summary>
public sealed partial class SeedTextTests
{
    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void OverviewTextOccursInTheSource(string seed)
    {
        var (disclosure, source) = Load(seed);
        var overview = disclosure.Overview;

        AssertAllOccur(source, overview.Functions.Concat(overview.StructureText).Concat(overview.InternalUnits));
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void NoteHeadingsAndParagraphsOccurInTheSource(string seed)
    {
        var (disclosure, source) = Load(seed);

        AssertAllOccur(source, disclosure.Notes.SelectMany(n => n.Paragraphs.Prepend(n.Heading)));
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void EmptyTableSentencesAndSignOffOccurInTheSource(string seed)
    {
        var (disclosure, source) = Load(seed);
        var texts = disclosure.Tables.Select(t => t.EmptyText).OfType<string>()
            .Append(disclosure.SignOff.Name).Append(disclosure.SignOff.Text);

        AssertAllOccur(source, texts);
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void NoteLineTextsAreQuotedFromTheirParagraphs(string seed)
    {
        var (disclosure, _) = Load(seed);

        Assert.All(disclosure.Notes, note =>
        {
            var paragraphs = WithoutWhitespace(string.Concat(note.Paragraphs));
            var texts = note.Lines.SelectMany(l => new[] { l.Label, l.Reason, l.Purpose, l.PolicyBasis, l.Unit, l.Allocation, l.Period })
                .OfType<string>();
            Assert.All(texts, text => Assert.Contains(WithoutWhitespace(text), paragraphs));
        });
    }

    /// <summary>Every amount, share, change and figure of a section is printed, at its scale, in the section's paragraphs.</summary>
    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void NoteNumbersAreQuotedFromTheirParagraphs(string seed)
    {
        var (disclosure, _) = Load(seed);

        Assert.All(disclosure.Notes, note =>
        {
            var printed = PrintedNumber().Matches(WithoutWhitespace(string.Concat(note.Paragraphs)))
                .SelectMany(m => new[] { m.Value, m.Value.Replace(",", "") }).ToHashSet();
            var numbers = note.Lines.SelectMany(l => new[] { l.Amount, l.Share, l.Change, l.ChangePercent })
                .Concat(note.Figures.Select(f => f.Number)).OfType<decimal>();
            Assert.All(numbers, n => Assert.Contains(Math.Abs(n).ToString(CultureInfo.InvariantCulture), printed));
        });
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void NotesOfEmptyTablesRepeatTheTableSentence(string seed)
    {
        var (disclosure, _) = Load(seed);
        var notesOfTables = new Dictionary<TableKind, string>
        {
            [TableKind.GovernmentFund] = "8", [TableKind.StateCapital] = "9", [TableKind.Carryover] = "11",
        };

        var empty = notesOfTables.Where(p => disclosure.Table(p.Key).IsEmpty).ToList();

        // Spacing aside: 002's tables print "2024年", its notes "2024 年".
        Assert.NotEmpty(empty);
        Assert.All(empty, p => Assert.Equal(
            new[] { WithoutWhitespace(disclosure.Table(p.Key).EmptyText!) },
            disclosure.Note(p.Value)!.Paragraphs.Select(WithoutWhitespace)));
    }

    /// <summary>
    /// The 名词解释 is standard text per year, so every document of the year prints each definition.
    /// 001 prints ASCII punctuation there (, : ; ( )) where the others print full-width, so punctuation
    /// width is folded on both sides.
    /// </summary>
    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void GlossaryOfTheYearOccursInPart4(string seed)
    {
        var (disclosure, source) = Load(seed);
        var part4 = FoldPunctuation(source[source.LastIndexOf("第四部分名词解释", StringComparison.Ordinal)..]);
        var glossary = SeedFiles.Glossary(disclosure.FiscalYear);

        Assert.Equal(8, glossary.Count);
        Assert.All(glossary, entry => Assert.Contains(FoldPunctuation(WithoutWhitespace(entry.Text)), part4));
    }

    [Fact]
    public void GlossaryYearsDifferOnlyInTheDefinitionOfThreePublicExpenses()
    {
        var (y2024, y2025) = (SeedFiles.Glossary(2024), SeedFiles.Glossary(2025));

        var differing = y2024.Zip(y2025).Where(p => p.First.Text != p.Second.Text).Select(p => p.First.Numeral);

        Assert.Equal(new[] { "七" }, differing);
        Assert.Equal(y2024.Select(e => e.Term), y2025.Select(e => e.Term));
        Assert.DoesNotContain("新能源汽车充电费", y2024[6].Text);
        Assert.Contains("新能源汽车充电费", y2025[6].Text);
    }

    [Fact]
    public void SourceNormalisationDropsPageNumbersAndMarkdownButKeepsText()
    {
        const string source = "- 1、一般公共服务支出（类）\n**财政拨款**:指由\n\n24\n\n安排的 2025 年数。\n";

        Assert.Equal("1、一般公共服务支出（类）财政拨款:指由安排的2025年数。", NormalisedSource(source));
    }

    private static (Disclosure Disclosure, string Source) Load(string seed)
    {
        var file = SeedFiles.Get(seed);
        return (file.Load(), NormalisedSource(file.SourceText));
    }

    private static void AssertAllOccur(string source, IEnumerable<string> texts)
    {
        var missing = texts.Where(t => !source.Contains(WithoutWhitespace(t), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Not in the source:\n{string.Join("\n", missing)}");
    }

    /// <summary>The source with lone page-number lines, markdown `- ` list marks and `**` removed, and no whitespace.</summary>
    private static string NormalisedSource(string text)
    {
        var withoutPageNumbers = PageNumberLine().Replace(text, "");
        var withoutMarkdown = ListMark().Replace(withoutPageNumbers, "").Replace("**", "");
        return WithoutWhitespace(withoutMarkdown);
    }

    private static string WithoutWhitespace(string text) =>
        new StringBuilder(text.Length).Append(text.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToString();

    private static string FoldPunctuation(string text) =>
        text.Replace('（', '(').Replace('）', ')').Replace('：', ':').Replace('，', ',').Replace('；', ';');

    [GeneratedRegex(@"^[ \t]*[0-9]{1,3}[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex PageNumberLine();

    [GeneratedRegex(@"^[ \t]*- ", RegexOptions.Multiline)]
    private static partial Regex ListMark();

    [GeneratedRegex(@"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")]
    private static partial Regex PrintedNumber();
}

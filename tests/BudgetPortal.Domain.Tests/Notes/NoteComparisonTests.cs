using BudgetPortal.Domain.Notes;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>Sentence-by-sentence comparison of published and drafted notes, and its normalisations.</summary>
public sealed class NoteComparisonTests
{
    [Fact]
    public void SentencesEndAtFullStopsSemicolonsAndParagraphs() =>
        Assert.Equal(["甲", "乙", "丙", "丁"], NoteComparison.Sentences(["甲。乙；丙", "丁。"]));

    [Fact]
    public void AParagraphEndingWithAColonRunsOnIntoTheNext() =>
        Assert.Equal(["收入预算 10.00 万元，其中：一般公共预算 10.00 万元".Replace(" ", "")],
            NoteComparison.Sentences(["收入预算 10.00 万元，其中：", "一般公共预算 10.00 万元。"]));

    [Theory]
    [InlineData("3", "基本支出169.66万元，占94.43%", "基本支出 169.66 万元，占 94.43%")]   // whitespace is ignored
    [InlineData("12.4", "2025年,目标1个;(一)项目:甲", "2025 年，目标 1 个；（一）项目：甲")]   // half-width punctuation reads as full-width
    [InlineData("7", "2025 年 1 月 1 日—2025 年 12 月 31 日", "2025 年 1 月 1 日-2025 年 12 月 31 日")]   // dashes read as one
    [InlineData("5.1", "增长 27.00%。主要原因是人员增加。", "增长 27.00%，主要原因是人员增加。")]   // a reason after a full stop reads as after a comma
    [InlineData("5.3", "增加 0.01 万元，增长 25%。", "增加 0.01 万元，增长 25.00%。")]   // a whole percentage reads with two decimals
    public void ANormalisedDifferenceIsNoDifference(string section, string published, string drafted) =>
        Assert.Empty(NoteComparison.Compare(section, [published], [drafted]));

    [Fact]
    public void AnAmountOf0IsNot000() =>
        Assert.Single(NoteComparison.Compare("10", ["因公出国（境）费 0 万元"], ["因公出国（境）费 0.00 万元"]));

    [Fact]
    public void ADifferentNumberIsReportedWithBothFigures()
    {
        var difference = Assert.Single(NoteComparison.Compare("5.2",
            ["1、一般公共服务支出（类）165.87 万元，占 80.88%。", "2、社会保障和就业支出（类）20.81 万元，占 10.15%。"],
            ["1、一般公共服务支出（类）165.87 万元，占 80.87%。", "2、社会保障和就业支出（类）20.81 万元，占 10.15%。"]));
        Assert.Equal([("80.88", "80.87")], difference.NumberChanges);
        Assert.True(difference.OnlyNumbersDiffer);
    }

    [Fact]
    public void AMissingSentenceIsPairedWithNothing()
    {
        var difference = Assert.Single(NoteComparison.Compare("2", ["甲。乙。丙。"], ["甲。丙。"]));
        Assert.Equal("乙", difference.Published);
        Assert.Null(difference.Drafted);
        Assert.False(difference.OnlyNumbersDiffer);
    }

    [Fact]
    public void ADifferentWordIsNotANumberChange()
    {
        var difference = Assert.Single(NoteComparison.Compare("12.1", ["机关运行经费 1.00 万元"], ["事业单位运行经费 1.00 万元"]));
        Assert.Empty(difference.NumberChanges);
        Assert.False(difference.OnlyNumbersDiffer);
    }
}

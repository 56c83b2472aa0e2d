using BudgetPortal.Domain.Classification;

namespace BudgetPortal.Domain.Tests.Classification;

public sealed class ClassificationCodeTests
{
    [Theory]
    [InlineData("2013150", new[] { "201", "31", "50" })]
    [InlineData("20131", new[] { "201", "31" })]
    [InlineData("201", new[] { "201" })]
    [InlineData("2013", new string[0])]
    [InlineData(null, new string[0])]
    public void TokensSplitTheCodeIntoItsLevels(string? code, string[] tokens) =>
        Assert.Equal(tokens, ClassificationCode.Tokens(code));

    [Theory]
    [InlineData("2013150", "201 31 50")]
    [InlineData("30101", "301 01")]
    [InlineData("221", "221")]
    public void PrintedSeparatesTheTokensWithSpaces(string code, string printed) =>
        Assert.Equal(printed, ClassificationCode.Printed(code));

    [Theory]
    [InlineData("201 31 50", "2013150")]
    [InlineData("2013150", "2013150")]
    [InlineData("201-31-50", "2013150")]
    [InlineData(" 301 01 ", "30101")]
    public void NormalizeReturnsTheCompactCode(string input, string code) =>
        Assert.Equal(code, ClassificationCode.Normalize(input));

    [Theory]
    [InlineData("事业运行")]
    [InlineData("201 31 5")]
    [InlineData("2013150x")]
    [InlineData("20131501")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData(null)]
    public void NormalizeRejectsJunk(string? input) =>
        Assert.Null(ClassificationCode.Normalize(input));

    [Theory]
    [InlineData(ClassificationScheme.Functional, "2013")]
    [InlineData(ClassificationScheme.Functional, "20131x")]
    [InlineData(ClassificationScheme.Functional, "")]
    [InlineData(ClassificationScheme.Economic, "3010101")]
    public void InvalidCodeIsRejected(ClassificationScheme scheme, string code)
    {
        var e = Assert.Throws<DomainException>(() => new ClassificationCode(scheme, 2025, code, "名称"));

        Assert.Contains("编码", e.Message);
    }

    [Fact]
    public void ItemKnowsItsLevelAndParent()
    {
        var code = new ClassificationCode(ClassificationScheme.Functional, 2025, "2013150", "事业运行");

        Assert.Equal(3, code.Level);
        Assert.Equal("20131", code.ParentCode);
    }
}

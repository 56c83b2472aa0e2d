using System.Globalization;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Performance;

public sealed class IndicatorValueTests
{
    /// <summary>Domain spec §5: the units 指标值 are printed with.</summary>
    private static readonly string[] SpecUnits =
        ["批次", "人次", "次", "人", "辆", "个", "处", "份", "项", "年", "日历日", "小时", "万元", "%", "平方米"];

    [Theory]
    [InlineData("＞=130 批次", Comparison.AtLeast, "130", "批次")]
    [InlineData("＜=5万元", Comparison.AtMost, "5", "万元")]
    [InlineData("=100%", Comparison.Equal, "100", "%")]
    [InlineData("< =93.91 万元", Comparison.AtMost, "93.91", "万元")]
    [InlineData("≥4 次", Comparison.AtLeast, "4", "次")]
    [InlineData(">=6 人", Comparison.AtLeast, "6", "人")]
    [InlineData("=3570.91 平方米", Comparison.Equal, "3570.91", "平方米")]
    [InlineData("66.8%", Comparison.None, "66.8", "%")]
    public void ParsesOperatorNumberAndUnit(string printed, Comparison comparison, string number, string unit)
    {
        var value = IndicatorValue.Parse(printed);

        Assert.Equal(comparison, value.Operator);
        Assert.Equal(decimal.Parse(number, CultureInfo.InvariantCulture), value.Number);
        Assert.Equal(unit, value.Unit);
        Assert.True(value.IsQuantitative);
    }

    [Theory]
    [InlineData("＞=130 批次", "≥")]
    [InlineData(">=6 人", "≥")]
    [InlineData("≥4 次", "≥")]
    [InlineData("＜=5万元", "≤")]
    [InlineData("< =93.91 万元", "≤")]
    [InlineData("=100%", "=")]
    public void PrintedOperatorVariantsNormaliseToOneSymbol(string printed, string symbol) =>
        Assert.Equal(symbol, IndicatorValue.Parse(printed).Symbol);

    [Fact]
    public void KeepsThePrintedText() =>
        Assert.Equal("< =93.91 万元", IndicatorValue.Parse("< =93.91 万元").Text);

    [Fact]
    public void QualitativeWordHasNoOperatorAndNoNumber()
    {
        var value = IndicatorValue.Parse("保障");

        Assert.False(value.IsQuantitative);
        Assert.Null(value.Number);
        Assert.Equal(Comparison.None, value.Operator);
        Assert.Equal("保障", value.Text);
    }

    [Fact]
    public void DateDeadlineIsAQualitativeAtMostNotTheNumber2024()
    {
        var value = IndicatorValue.Parse("＜=2024年6月30日");

        Assert.Equal(Comparison.AtMost, value.Operator);
        Assert.Null(value.Number);
        Assert.False(value.IsQuantitative);
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void EveryQuantitativeSeedIndicatorHasAUnitOfTheSpec(string seed)
    {
        var values = SeedFiles.Get(seed).Load().PerformanceSheets
            .SelectMany(s => s.Indicators).Select(i => i.ParsedValue).ToList();

        Assert.Contains(values, v => v.IsQuantitative);
        Assert.All(values.Where(v => v.IsQuantitative), v => Assert.Contains(v.Unit, SpecUnits));
    }
}

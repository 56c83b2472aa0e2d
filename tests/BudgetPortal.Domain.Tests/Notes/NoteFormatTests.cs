using System.Globalization;
using BudgetPortal.Domain.Notes;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>The sentence rules of domain spec §7 and the rounding of §6.</summary>
public sealed class NoteFormatTests
{
    /// <summary>
    /// An increase reads 增加/增长 and a decrease 减少/下降; no change, and nothing in either year, read an
    /// increase of zero (never 持平); a prior year of zero is a growth of 100%, a current year of zero a fall of 100%.
    /// </summary>
    [Theory]
    [InlineData("179.66", "163.32", "比上年预算增加 16.34 万元，增长 10.00%")]
    [InlineData("10.00", "19.59", "比上年预算减少 9.59 万元，下降 48.95%")]
    [InlineData("0.05", "0.05", "比上年预算增加 0.00 万元，增长 0.00%")]
    [InlineData("0", "0", "比上年预算增加 0.00 万元，增长 0.00%")]
    [InlineData("10.00", "0", "比上年预算增加 10.00 万元，增长 100.00%")]
    [InlineData("0", "19.59", "比上年预算减少 19.59 万元，下降 100.00%")]
    public void AChangeReadsAsTheSpecWritesIt(string current, string prior, string sentence) =>
        Assert.Equal(sentence, NoteFormat.Change(decimal.Parse(current, CultureInfo.InvariantCulture), decimal.Parse(prior, CultureInfo.InvariantCulture)));

    [Fact]
    public void PercentagesRoundHalfUpNotToEven()
    {
        Assert.Equal("1.01", NoteFormat.Percent(1.005m));
        Assert.Equal("0.13", NoteFormat.Percent(0.125m));
        Assert.Equal(1.01m, NoteFormat.SharePercent(2.01m, 200.00m));       // exactly 1.005
        Assert.Equal(1.01m, NoteFormat.ChangePercent(202.01m, 200.00m));    // exactly 1.005
    }

    [Fact]
    public void AChangeIsOfThePriorYearNotOfTheCurrent() =>
        Assert.Equal(28.57m, NoteFormat.ChangePercent(6.66m, 5.18m));   // 1.48 / 5.18, not 1.48 / 6.66

    [Fact]
    public void AShareIsPartOverWholeTimesAHundred()
    {
        Assert.Equal("占 80.87%", NoteFormat.Share(165.87m, 205.10m));   // 80.8727…
        Assert.Equal("占 0.00%", NoteFormat.Share(0m, 179.66m));
        Assert.Equal("占 0.00%", NoteFormat.Share(0m, 0m));
    }

    [Fact]
    public void AmountsPrintWithTwoDecimals()
    {
        Assert.Equal("10.00", NoteFormat.Amount(10m));
        Assert.Equal("0.00", NoteFormat.Amount(0m));
        Assert.Equal("318.10", NoteFormat.Amount(318.1m));
    }

    [Fact]
    public void A2024ListPrintsAZeroAs0And2025As000()
    {
        Assert.Equal("0", NoteFormat.ListedAmount(0m, 2024));
        Assert.Equal("2.00", NoteFormat.ListedAmount(2m, 2024));
        Assert.Equal("0.00", NoteFormat.ListedAmount(0m, 2025));
    }

    [Fact]
    public void AReasonIsLeftOutUntilSomeoneWritesIt()
    {
        Assert.Equal("，主要原因是人员增加", NoteFormat.Reason("人员增加"));
        Assert.Equal("", NoteFormat.Reason(null));
        Assert.Equal("", NoteFormat.Reason(" "));
    }
}

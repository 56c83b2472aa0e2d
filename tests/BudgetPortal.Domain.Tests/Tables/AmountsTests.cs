using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Tests.Tables;

/// <summary>The one amount format (domain spec §6): two decimals, half up, no separator; a zero by where it stands.</summary>
public sealed class AmountsTests
{
    [Fact]
    public void ATableCellShowsAZeroAsAnEmptyCell()
    {
        Assert.Equal("", Amounts.Format(0m, AmountStyle.Cell));
        Assert.Equal("", Amounts.Format(0.00m));
        Assert.Equal("179.66", Amounts.Format(179.66m, AmountStyle.Cell));
    }

    [Fact]
    public void AFigureShowsAZeroAsZeroPointZeroZero()
    {
        Assert.Equal("0.00", Amounts.Format(0m, AmountStyle.Figure));
        Assert.Equal("10.00", Amounts.Format(10m, AmountStyle.Figure));
    }

    [Fact]
    public void AMissingAmountIsEmptyInEitherStyle()
    {
        Assert.Equal("", Amounts.Format(null, AmountStyle.Cell));
        Assert.Equal("", Amounts.Format(null, AmountStyle.Figure));
    }

    [Fact]
    public void TwoDecimalsRoundedHalfUpWithoutThousandsSeparator()
    {
        Assert.Equal("1.01", Amounts.Format(1.005m, AmountStyle.Figure));
        Assert.Equal("2.68", Amounts.Format(2.675m, AmountStyle.Cell));
        Assert.Equal("-1.01", Amounts.Format(-1.005m, AmountStyle.Figure));
        Assert.Equal("1234567.89", Amounts.Format(1234567.885m, AmountStyle.Cell));
    }

    [Fact]
    public void AChangeCarriesItsSignAndAZeroChangeFollowsTheStyle()
    {
        Assert.Equal("+12.50", Amounts.Change(12.5m));
        Assert.Equal("−3.00", Amounts.Change(-3m, AmountStyle.Figure));
        Assert.Equal("", Amounts.Change(0m, AmountStyle.Cell));
        Assert.Equal("0.00", Amounts.Change(0m, AmountStyle.Figure));
        Assert.Equal("0.00", Amounts.Change(-0.001m, AmountStyle.Figure));
        Assert.Equal("", Amounts.Change(null, AmountStyle.Figure));
    }
}

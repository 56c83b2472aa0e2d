using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Tests.Tables;

public sealed class TableRowTests
{
    private static TableRow Row() => new(RowKind.Item, "2013150", "事业运行");

    [Fact]
    public void ZeroIsNeverStoredAsACell()
    {
        var row = Row().Set("total", 0m);

        Assert.Empty(row.Cells);
        Assert.Null(row["total"]);
    }

    [Fact]
    public void SettingZeroBlanksAFilledCell()
    {
        var row = Row().Set("total", 131.10m).Set("total", 0m);

        Assert.Empty(row.Cells);
    }

    [Fact]
    public void SettingNullBlanksAFilledCell()
    {
        var row = Row().Set("total", 131.10m).Set("total", null);

        Assert.Empty(row.Cells);
    }

    [Fact]
    public void BlankCellReadsAsZeroThroughAmount()
    {
        var row = Row().Set("total", 131.10m);

        Assert.Null(row["basic"]);
        Assert.Equal(0m, row.Amount("basic"));
    }

    [Fact]
    public void AmountIsStoredAsPrinted()
    {
        var row = Row().Set("total", 131.10m).Set("basic", 131.10m).Set("basic", 120.00m);

        Assert.Equal(131.10m, row.Amount("total"));
        Assert.Equal("120.00", row["basic"]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, row.Cells.Count);
    }

    [Theory]
    [InlineData("20")]
    [InlineData("2013a50")]
    [InlineData("20131501")]
    public void InvalidCodeIsRejected(string code) =>
        Assert.Throws<DomainException>(() => new TableRow(RowKind.Item, code));

    [Fact]
    public void FixedRowNeedsAKey() =>
        Assert.Throws<DomainException>(() => new TableRow(RowKind.Fixed));

    [Fact]
    public void CodeTokensAreThePrintedLevels() =>
        Assert.Equal(new[] { "201", "31", "50" }, Row().CodeTokens);
}

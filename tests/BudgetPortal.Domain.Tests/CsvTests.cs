namespace BudgetPortal.Domain.Tests;

/// <summary>The portal's one CSV codec (<see cref="Csv"/>): RFC 4180 both ways, line numbers, the formula guard and the limits.</summary>
public sealed class CsvTests
{
    [Fact]
    public void CellsWithSeparatorsQuotesAndLineBreaksRoundTrip()
    {
        string[][] grid = [["a,b", "say \"hi\"", "two\nlines", "", "平常"], ["x", "y"]];

        var text = Csv.Write(grid);
        var rows = Csv.Parse(text, 10, 100);

        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,平常\r\nx,y\r\n", text);
        Assert.Equal(grid, rows.Select(r => r.Cells.ToArray()));
    }

    [Fact]
    public void EachRowKeepsTheLineItStartsOn()
    {
        var rows = Csv.Parse("a,b\n\"x\ny\",z\n\nlast,1", 10, 100);

        Assert.Equal([1, 2, 4, 5], rows.Select(r => r.Line));
        var grid = Csv.Grid(rows);
        Assert.Equal(5, grid.Count);
        Assert.Equal(["x\ny", "z"], grid[1]);
        Assert.Empty(grid[2]);
        Assert.Equal(["last", "1"], grid[4]);
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3", new[] { "1", "2", "3" })]
    [InlineData("a\tb\tc\n1\t2\t3", new[] { "1", "2", "3" })]
    [InlineData("\uFEFFa,b,c\r\n1,2,3\r\n", new[] { "1", "2", "3" })]
    public void TheSeparatorIsTheMostFrequentAndABomIsDropped(string text, string[] second)
    {
        var rows = Csv.Parse(text, 10, 100);

        Assert.Equal("a", rows[0].Cells[0]);
        Assert.Equal(second, rows[1].Cells);
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+86", "'+86")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM", "'@SUM")]
    [InlineData("12.50", "12.50")]
    [InlineData("事业运行", "事业运行")]
    public void AFormulaIsWrittenAsTextAndReadBackAsTyped(string value, string written)
    {
        Assert.Equal(written, Csv.Neutralise(value));
        Assert.Equal(value, Csv.Restore(Csv.Neutralise(value)));
    }

    [Fact]
    public void AnUnclosedQuoteIsRefusedWithItsLine()
    {
        var e = Assert.Throws<DomainException>(() => Csv.Parse("a,b\n\"open,c\nd", 10, 100));
        Assert.Equal("第 2 行的引号没有闭合。", e.Message);
    }

    [Fact]
    public void NulIsRefusedWithItsLine()
    {
        var e = Assert.Throws<DomainException>(() => Csv.Parse("a\nb\0", 10, 100));
        Assert.Equal("第 2 行含有不允许的空字符（\\0），文件可能不是文本文件。", e.Message);
    }

    [Fact]
    public void ACellPastTheLimitIsRefused()
    {
        Assert.Single(Csv.Parse(new string('x', 10), 10, 10));
        var e = Assert.Throws<DomainException>(() => Csv.Parse("a\n" + new string('x', 11), 10, 10));
        Assert.Equal("第 2 行有一个值超过 10 个字（是否有未闭合的引号？）。", e.Message);
    }

    [Fact]
    public void ARowPastTheColumnLimitIsRefused()
    {
        Assert.Single(Csv.Parse("1,2,3", 10, 10, maxColumns: 3));
        var e = Assert.Throws<DomainException>(() => Csv.Parse("1,2,3,4", 10, 10, maxColumns: 3));
        Assert.Equal("第 1 行超过 3 列。", e.Message);
    }

    [Fact]
    public void RowsPastTheLimitAreNotRead()
    {
        var rows = Csv.Parse(string.Concat(Enumerable.Range(1, 100).Select(i => $"{i}\n")), 5, 10);

        Assert.Equal(6, rows.Count);   // one more than the limit, so the caller can say the file is too long
        Assert.Equal("6", rows[^1].Cells[0]);
    }
}

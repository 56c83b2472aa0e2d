using BudgetPortal.Domain.Notes;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>说明七 numbers every project of 表7 （一）…: any count, not only the twelve sections.</summary>
public sealed class NoteNumeralTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(13, "十三")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    [InlineData(99, "九十九")]
    [InlineData(100, "一百")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    [InlineData(118, "一百一十八")]
    [InlineData(230, "二百三十")]
    [InlineData(1005, "一千零五")]
    [InlineData(1010, "一千零一十")]
    [InlineData(2345, "二千三百四十五")]
    [InlineData(12000, "12000")]
    public void ANumberIsWrittenAsDocumentsCountIt(int n, string written) => Assert.Equal(written, NoteKeys.Numeral(n));
}

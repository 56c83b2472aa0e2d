using BudgetPortal.Domain.Import;

namespace BudgetPortal.Domain.Tests.Import;

public class ProseTests
{
    private static SourceLine L(int n, string text, bool indented = false) => new(n, text, null) { Indented = indented };

    [Fact]
    public void WhenTheTextKeepsIndentationOnlyAnIndentedLineStartsAParagraph()
    {
        // 说明七's 资金分配情况 wrapped so that a line starts with its third item (000, corpus variants #40, #71 …).
        var lines = new[]
        {
            L(1, "资金分配情况：1、劳务派遣人员劳务费 5 万元；2、外出调", indented: true),
            L(2, "用服务人员劳务费 3万元；"),
            L(3, "3、临时购买驾驶服务 2万元。"),
            L(4, "资金执行时间：2025 年 1月 1 日-2025 年 12 月 31 日。", indented: true),
        };
        Assert.Equal(["资金分配情况：1、劳务派遣人员劳务费 5 万元；2、外出调用服务人员劳务费 3万元；3、临时购买驾驶服务 2万元。", "资金执行时间：2025 年 1月 1 日-2025 年 12 月 31 日。"],
            Prose.Paragraphs(lines));
    }

    [Fact]
    public void WithoutIndentationAListItemStillStartsAParagraph()
    {
        var lines = new[] { L(1, "资金分配情况："), L(2, "1、劳务派遣人员劳务费 5 万元；"), L(3, "2、外出调用服务人员劳务费 3万元。") };
        Assert.Equal(["资金分配情况：", "1、劳务派遣人员劳务费 5 万元；", "2、外出调用服务人员劳务费 3万元。"], Prose.Paragraphs(lines));
    }
}

public class SourceTextTests
{
    [Fact]
    public void BareNumbersAreCellsWherePagesAreNumberedInAFormOfTheirOwn()
    {
        // 上年完成值 2 and 3 alone on their lines, a page apart: page numbers when the pages have no other
        // numbers, cells when they are numbered “第 n 页” (a sheet of 000 lost its 上年完成值 3 so, unflagged).
        string Text(string mark) => string.Join('\n', Enumerable.Range(1, 40).Select(i => i switch
        {
            5 => "2",
            20 => "3",
            10 or 30 => mark.Replace("n", (i / 10).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => $"第 {i} 行的文字",
        }));
        var marked = SourceText.Lines(Text("第 n 页 共 2 页")).Select(l => l.Text).ToList();
        Assert.Contains("2", marked);
        Assert.Contains("3", marked);
        Assert.DoesNotContain(marked, l => l.StartsWith("第 1 页", StringComparison.Ordinal));
        var bare = SourceText.Lines(Text("第 n0 行的文字")).Select(l => l.Text).ToList();
        Assert.DoesNotContain("2", bare);
        Assert.DoesNotContain("3", bare);
    }

    [Fact]
    public void OfTwoBareNumbersThatCouldBeAPageNumberThePageNumberIsTheOneAtThePagesRegularPlace()
    {
        // Pages of 20 lines numbered 1, 2, 3 … at their ends; on page 3 a sheet's value 3 wrapped alone
        // on its line (`＞=1` / `3` / `批次`), a page after page 2's number: the 3 at page 3's end is the page number.
        var lines = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            for (var i = 1; i < 20; i++)
                lines.Add(page == 3 && i == 13 ? "3" : page == 3 && i == 12 ? "＞=1" : page == 3 && i == 14 ? "批次" : $"第 {page} 页第 {i} 行");
            lines.Add(page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var read = SourceText.Lines(string.Join('\n', lines)).Select(l => l.Text).ToList();
        Assert.Equal(["＞=1", "3", "批次"], read.SkipWhile(l => l != "＞=1").Take(3));
        Assert.DoesNotContain(read, l => l is "1" or "2" or "4" or "5");
        Assert.Single(read, l => l == "3");
    }
}

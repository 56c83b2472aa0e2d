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

using BudgetPortal.Domain.Import;

namespace BudgetPortal.Domain.Tests.Import;

/// <summary>
/// Performance-sheet rows read by their columns' vocabulary whatever the wrapping (issue 13): cells cut
/// anywhere, several on a line or one piece a line, 一级指标 left out, a value cut inside its number or
/// its word, and a number alone inside a text cell refused.
/// </summary>
public sealed class IndicatorGridTests
{
    private static List<SourceLine> Lines(string text) =>
        text.Split('\n').Select((l, i) => new SourceLine(i + 1, l.Trim(), null)).Where(l => l.Text.Length > 0).ToList();

    [Fact]
    public void ProjectRowsAreReadByTheirColumnsWhereverTheCellsWrap()
    {
        var rows = IndicatorGrid.Project(Lines("""
            产出指
            标
            数量指标
            物业维修面积 =357
            0.91
            平方米 计划标准 =357
            0.91 平方米
            12 按照完成比
            例赋分 工作资料
            效益指标
            社会效益
            指标
            保障单位正常运转，提
            高工作效率 持续加
            强
            计划标准 持续加强 30 按评判等级赋分 工作资料,原
            始凭证
            社会效益
            指标 群众满意 长期 历史标准 10 满意度赋分 说明材料
            """));
        Assert.Equal(3, rows.Count);
        Assert.Equal(("产出指标", "数量指标", "物业维修面积", "=3570.91平方米", "计划标准", "=3570.91 平方米", 12m, "按照完成比例赋分", "工作资料"),
            (rows[0].Level1, rows[0].Level2, rows[0].Level3, rows[0].Value, rows[0].Basis, rows[0].LastYear, rows[0].Weight, rows[0].Scoring, rows[0].Evidence));
        Assert.Equal(("效益指标", "社会效益指标", "保障单位正常运转，提高工作效率", "持续加强", "持续加强", 30m, "工作资料,原始凭证"),
            (rows[1].Level1, rows[1].Level2, rows[1].Level3, rows[1].Value, rows[1].LastYear, rows[1].Weight, rows[1].Evidence));
        // 社会效益 / 指标 with no 一级指标 before it: the longer word, 二级指标, under the last 一级指标 printed.
        Assert.Equal(("效益指标", "社会效益指标", "群众满意", "长期", null, 10m), (rows[2].Level1, rows[2].Level2, rows[2].Level3, rows[2].Value, rows[2].LastYear, rows[2].Weight));
    }

    [Fact]
    public void DepartmentRowsEndAtTheirWeight()
    {
        var rows = IndicatorGrid.Department(Lines("""
            履职效能 数量指标 陪同援疆省市考察 ＞=3
            0 批次 2024 年援疆工作
            计划
            10
            回访历届援疆干部次数 =1 2025 年工作计划 20
            质量指标 提高援疆项目申报成功率 提高 工作计划 5
            """));
        Assert.Equal(3, rows.Count);
        Assert.Equal(("履职效能", "数量指标", "陪同援疆省市考察", "＞=30 批次", "2024 年援疆工作计划", 10m), (rows[0].Level1, rows[0].Level2, rows[0].Level3, rows[0].Value, rows[0].Basis, rows[0].Weight));
        // =1 before 2025 年…: a value and a basis starting with a year, never a number cut by the wrap.
        Assert.Equal(("回访历届援疆干部次数", "=1", "2025 年工作计划", 20m), (rows[1].Level3, rows[1].Value, rows[1].Basis, rows[1].Weight));
        Assert.Equal(("履职效能", "质量指标", "提高", 5m), (rows[2].Level1, rows[2].Level2, rows[2].Value, rows[2].Weight));
    }

    [Fact]
    public void ANumberAloneInsideATextCellLeavesTheSheetForAnOfficer()
    {
        var e = Assert.Throws<DomainException>(() => IndicatorGrid.Project(Lines("""
            产出指标 数量指标 现场察访
            15
            核验次数 =2 次 计划标准 10 按照完成比例赋分 工作资料
            """)));
        Assert.Contains("单独一行的数字", e.Message);
        Assert.Throws<DomainException>(() => IndicatorGrid.Department(Lines("产出指标 数量指标 次数 2025 年工作计划 10")));
    }
}

using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Tests.Tables;

public sealed class BudgetTableTests
{
    [Fact]
    public void TableOfBlankFixedLinesIsEmpty()
    {
        var rows = TableSchemas.For(TableKind.ThreePublicExpenses, 2025).FixedRows
            .Select(f => new TableRow(RowKind.Fixed, key: f.Key));

        Assert.True(new BudgetTable(TableKind.ThreePublicExpenses, rows).IsEmpty);
    }

    [Fact]
    public void TableWithOneFilledCellIsNotEmpty()
    {
        var table = new BudgetTable(TableKind.ThreePublicExpenses,
            [new TableRow(RowKind.Fixed, key: "total").Set("total", 2.50m), new TableRow(RowKind.Fixed, key: "overseas")]);

        Assert.False(table.IsEmpty);
    }

    [Fact]
    public void ByCodeFindsTheClassificationRowNotAProjectUnderIt()
    {
        var item = new TableRow(RowKind.Item, "2013299", "其他组织事务支出").Set("total", 75.00m);
        var project = new TableRow(RowKind.Project, "2013299", "其他组织事务支出", project: "信息化建设运行维护费").Set("total", 20.00m);

        Assert.Null(new BudgetTable(TableKind.GeneralBudgetProjects, [project]).ByCode("2013299"));
        Assert.Same(item, new BudgetTable(TableKind.GeneralBudget, [project, item]).ByCode("2013299"));
    }
}

using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Tests.Tables;

/// <summary>The 类 list of 表1/表4: which 类 is the layout's, what they are called is the year's catalog's.</summary>
public sealed class PrintedCategoryNamesTests
{
    private static readonly BudgetTable Table1 = new(TableKind.IncomeAndExpenditure,
    [
        new TableRow(RowKind.Category, "201", "一般公共服务支出").Set("expenditure", 10m),
        new TableRow(RowKind.Total).Set("income", 10m).Set("expenditure", 10m),
    ]);

    private static IEnumerable<string> Labels(PrintedTable table) =>
        table.Body.SelectMany(r => r.Cells).Where(c => c.IsLabel).Select(c => c.Text);

    [Fact]
    public void TheYearsCatalogNamesTheCategoriesTheLayoutPrints()
    {
        // A catalog that has renamed 207 (and knows 201 as printed).
        var catalog = new ClassificationCatalog(ClassificationScheme.Functional, 2026,
            [new ClassificationCode(ClassificationScheme.Functional, 2026, "207", "文化体育旅游与传媒支出"), new ClassificationCode(ClassificationScheme.Functional, 2026, "201", "一般公共服务支出")], []);

        var labels = Labels(PrintedTable.Build(Table1, 2026, "某部门", catalog)).ToList();

        Assert.Contains("207 文化体育旅游与传媒支出", labels);
        Assert.DoesNotContain("207 文化旅游体育与传媒支出", labels);
        Assert.Contains("201 一般公共服务支出", labels);
    }

    [Fact]
    public void WithoutACatalogTheLayoutsNamesArePrinted()
    {
        var labels = Labels(PrintedTable.Build(Table1, 2026, "某部门")).ToList();

        Assert.Contains("207 文化旅游体育与传媒支出", labels);
        Assert.Equal(29, labels.Count(l => l.Length > 4 && char.IsAsciiDigit(l[0]) && l[3] == ' '));
    }
}

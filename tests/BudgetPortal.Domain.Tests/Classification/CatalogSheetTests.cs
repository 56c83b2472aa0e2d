using BudgetPortal.Domain.Classification;

namespace BudgetPortal.Domain.Tests.Classification;

public sealed class CatalogSheetTests
{
    private static IReadOnlyList<IReadOnlyList<string>> Rows(params string[] lines) =>
        lines.Select(l => (IReadOnlyList<string>)l.Split('|')).ToList();

    private static CatalogSheet Functional(params string[] lines) => CatalogSheet.Read(ClassificationScheme.Functional, Rows(lines));

    [Fact]
    public void CodesAreReadInAnyWrittenFormAndNamesLoseIndentationAndQizhong()
    {
        var sheet = Functional(
            "2026年政府收支分类科目||",
            "单位：无|",
            "科目编码|科目名称",
            "201|一般公共服务支出",
            "201 13|　　商贸事务",
            "201-13-50|　　　　其中：事业运行",
            "2011399|  其他商贸事务支出");
        Assert.True(sheet.IsValid, string.Join("\n", sheet.Errors));
        Assert.Equal(
            [new CatalogLine(4, "201", "一般公共服务支出"), new CatalogLine(5, "20113", "商贸事务"),
             new CatalogLine(6, "2011350", "事业运行"), new CatalogLine(7, "2011399", "其他商贸事务支出")],
            sheet.Lines);
    }

    [Fact]
    public void SeparateLeiKuanXiangColumnsTakeTheLeiAndKuanFromTheLinesAbove()
    {
        // As the ministry prints them: 科目编码 over 类 款 项, and a 款 or 项 line leaves the 类 (and 款) blank.
        var sheet = Functional(
            "科目编码|||科目名称",
            "类|款|项|",
            "201|||一般公共服务支出",
            "|13||商贸事务",
            "||50|事业运行",
            "||1|行政运行");
        Assert.True(sheet.IsValid, string.Join("\n", sheet.Errors));
        Assert.Equal(["201", "20113", "2011350", "2011301"], sheet.Lines.Select(l => l.Code));
        Assert.Equal(3, sheet.Lines[0].Line);
    }

    [Fact]
    public void ALevelColumnMustAgreeWithTheCode()
    {
        var sheet = Functional("编码|名称|级次", "201|一般公共服务支出|类", "20113|商贸事务|项", "2011350|事业运行|3");
        Assert.False(sheet.IsValid);
        Assert.Equal(["第 3 行：级次为“项”，但编码 201 13 是款。"], sheet.Errors);
        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void EveryBadLineIsNamedAndNothingIsKept()
    {
        var sheet = Functional(
            "编码|名称",
            "201|一般公共服务支出",
            "2011|不完整的编码",
            "20113|",
            "2011350|" + new string('长', 101),
            "201|一般公共服务支出",
            "2019901|没有款的项",
            "|没有编码的名称",
            "合计|",
            "注：本表按财政部文件整理|");
        Assert.False(sheet.IsValid);
        Assert.Empty(sheet.Lines);
        Assert.Equal(
        [
            "第 3 行：科目编码“2011”无效：功能分类编码应为 3 位（类）、5 位（款）或 7 位（项）数字。",
            "第 4 行：科目 201 13 缺少名称。",
            "第 5 行：科目 201 13 50 的名称有 101 个字，超过 100 个字的上限。",
            "第 6 行：科目编码 201 与第 2 行重复。",
            "第 7 行：项 201 99 01 没有款的项 所属的款 201 99 不在文件中。",
            "第 8 行：缺少科目编码（名称“没有编码的名称”）。",
        ], sheet.Errors);
    }

    [Fact]
    public void EconomicCodesHaveNoXiang()
    {
        var sheet = CatalogSheet.Read(ClassificationScheme.Economic, Rows("编码|名称", "301|工资福利支出", "30101|基本工资", "3010101|不存在的项"));
        Assert.Equal(["第 4 行：科目编码“3010101”无效：经济分类编码应为 3 位（类）或 5 位（款）数字。"], sheet.Errors);
    }

    [Fact]
    public void AFileWithoutHeaderOrCodesOrWithTooManyLinesIsRefused()
    {
        Assert.Contains("找不到表头", Assert.Single(Functional("201|一般公共服务支出").Errors));
        Assert.Contains("下没有科目", Assert.Single(Functional("编码|名称", "|").Errors));
        var many = new[] { "编码|名称" }.Concat(Enumerable.Range(0, CatalogSheet.MaxLines + 31).Select(i => "201|x")).ToArray();
        Assert.Contains("超过 20,000 行的上限", Assert.Single(Functional(many).Errors));
    }

    [Fact]
    public void TheTextFormReadsBackTheSameCodes()
    {
        var sheet = Functional("编码|名称", "201|一般公共服务支出", "20113|商贸\t事务", "2011350|事业\n运行");
        Assert.Equal(["一般公共服务支出", "商贸 事务", "事业 运行"], sheet.Lines.Select(l => l.Name));
        var back = CatalogSheet.FromText(ClassificationScheme.Functional, sheet.ToText());
        Assert.Equal(sheet.Lines.Select(l => (l.Code, l.Name)), back.Lines.Select(l => (l.Code, l.Name)));
    }

    [Fact]
    public void TheChangeBetweenCatalogsListsAddedRemovedAndRenamedCodes()
    {
        var before = new[] { new CatalogItem("201", "一般公共服务支出"), new CatalogItem("234", "抗疫特别国债安排的支出"), new CatalogItem("20103", "政府办公厅") };
        var after = new[] { new CatalogItem("201", "一般公共服务支出"), new CatalogItem("20103", "政府办公厅（室）及相关机构事务"), new CatalogItem("20113", "商贸事务") };
        var change = CatalogChange.Between(before, after);
        Assert.Equal([new CatalogItem("20113", "商贸事务")], change.Added);
        Assert.Equal([new CatalogItem("234", "抗疫特别国债安排的支出")], change.Removed);
        Assert.Equal([new CatalogRename("20103", "政府办公厅", "政府办公厅（室）及相关机构事务")], change.Renamed);
        Assert.Equal(1, change.Unchanged);
        Assert.Equal("新增 1 个、删除 1 个、更名 1 个科目", change.Summary);
        Assert.True(CatalogChange.Between(after, after).IsEmpty);
    }
}

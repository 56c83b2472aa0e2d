using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tests.Classification;

namespace BudgetPortal.Domain.Tests.Lines;

/// <summary>
/// The line sheet (<see cref="LineSheet"/>): what it writes reads back as the same lines, it reads what people
/// type (spaced and full-width codes, thousands separators, short words, a title above the header), and it
/// refuses every bad cell at once, by row and column, reading nothing.
/// </summary>
public sealed class LineSheetTests
{
    private static readonly string[] Header = [.. LineSheet.Headers];

    private static IReadOnlyList<IReadOnlyList<string>> Grid(params string[][] rows) => rows;

    /// <summary>A sheet of the header and these rows (code, 款, 支出类型, 项目, 负责人, 来源, 金额), names left blank.</summary>
    private static IReadOnlyList<IReadOnlyList<string>> Sheet(params (string F, string E, string Use, string Project, string Leader, string Source, string Amount)[] rows) =>
        [Header, .. rows.Select(r => (IReadOnlyList<string>)[r.F, "", r.E, "", r.Use, r.Project, r.Leader, r.Source, r.Amount])];

    private static readonly (string, string, string, string, string, string, string) Good =
        ("2013150", "30101", "人员经费", "", "", "一般公共预算拨款", "12.50");

    private static BudgetLine[] Lines() =>
    [
        new("2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, 32.16m),
        new("2013150", "30201", LineSpending.Public, MoneySource.GeneralBudgetTransfer, 4.67m),
        new("2013199", "30299", LineSpending.Project, MoneySource.UnitOther, 10.00m, "机关运行补助经费, 含“接待”", "张三"),
        new("2013199", "31099", LineSpending.Project, MoneySource.NonFiscalCarryoverUnitFunds, 1_234_567.89m, "=SUM(A1)", "李四"),
        new("2080505", "30108", LineSpending.Personnel, MoneySource.CarryoverStateCapital, 0.01m),
    ];

    private static void AssertSame(IReadOnlyList<BudgetLine> expected, IReadOnlyList<BudgetLine> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
            Assert.Equal((e.FunctionalCode, e.EconomicCode, e.Spending, e.Source, e.Amount, e.Project, e.ProjectLeader),
                (a.FunctionalCode, a.EconomicCode, a.Spending, a.Source, a.Amount, a.Project, a.ProjectLeader));
    }

    [Fact]
    public void WrittenLinesReadBackAsTheSameLines()
    {
        var lines = Lines();

        var read = LineSheet.Read(LineSheet.Write(lines, SeedCatalogs.For(2025)));

        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        AssertSame(lines, read.Lines);
    }

    [Fact]
    public void WrittenLinesReadBackThroughCsv()
    {
        var lines = Lines();
        var text = Csv.Write(LineSheet.Write(lines, SeedCatalogs.For(2025)));

        var read = LineSheet.Read(Csv.Grid(Csv.Parse(text, 100, LineSheet.MaxCellLength)));

        Assert.Contains("\"机关运行补助经费, 含“接待”\"", text);
        Assert.Contains("'=SUM(A1)", text);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        AssertSame(lines, read.Lines);
    }

    [Fact]
    public void TheWrittenSheetNamesTheCodesFromTheCatalogsAndPrintsThemSpaced()
    {
        var grid = LineSheet.Write(Lines(), SeedCatalogs.For(2025));

        Assert.Equal(Header, grid[0]);
        Assert.Equal(["201 31 50", "事业运行", "301 01", "基本工资", "人员经费", "", "", "一般公共预算拨款", "32.16"], grid[1]);
        Assert.Equal(["201 31 99", "其他党委办公厅（室）及相关机构事务支出", "302 99", "其他商品和服务支出", "项目支出", "机关运行补助经费, 含“接待”", "张三",
            "单位资金—其他收入", "10.00"], grid[3]);
        Assert.Equal("1234567.89", grid[4][8]);
    }

    [Fact]
    public void ItReadsWhatPeopleType()
    {
        var grid = Grid(
            ["2025年预算明细表"],
            ["单位：万元"],
            [],
            ["功能分类 科目编码", "经济分类科目编码", " 支出类型 ", "项目名称", "资金来源", "金额(万元)", "备注"],
            ["201 31 50", "301 01", "人员", "", "一般公共预算拨款", "1,234.50", "x"],
            ["", "", "", "", "", "", ""],
            ["２０１３１５０", "３０２０１", "基本支出", "", "单位资金-事业收入", "０.５０"],
            ["201-31-99", "302.99", "项目", " 机关运行补助经费 ", "上级一般公共预算安排转移支付", "10"],
            ["\u3000201 31 50\u3000", "30103", "基本支出", "", "GeneralBudget", "7"]);

        var read = LineSheet.Read(grid);

        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        AssertSame(
        [
            new("2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, 1234.50m),
            new("2013150", "30201", LineSpending.Public, MoneySource.UnitOperations, 0.50m),
            new("2013199", "30299", LineSpending.Project, MoneySource.GeneralBudgetTransfer, 10m, "机关运行补助经费"),
            new("2013150", "30103", LineSpending.Personnel, MoneySource.GeneralBudget, 7m),
        ], read.Lines);
    }

    [Fact]
    public void ABomAndTheNamesColumnsAreNotNeeded()
    {
        var text = "\uFEFF功能分类科目编码,经济分类科目编码,支出类型,资金来源,金额（万元）\r\n2013150,30101,人员经费,一般公共预算拨款,1.00\r\n";

        var read = LineSheet.Read(Csv.Grid(Csv.Parse(text, 10, 100)));

        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        Assert.Equal(1.00m, Assert.Single(read.Lines).Amount);
    }

    [Fact]
    public void EveryBadCellIsNamedByRowAndColumnAndNothingIsRead()
    {
        var grid = Sheet(
            Good,
            ("201315", "3010", "杂项", "", "", "一般预算", "abc"),
            ("", "", "", "", "", "", ""),
            ("2013150", "30201", "人员经费", "", "", "一般公共预算拨款", "1.234"),
            ("2013150", "30101", "公用经费", "", "", "一般公共预算拨款", "-5"),
            ("2013199", "30299", "项目支出", "", "", "一般公共预算拨款", "0"),
            ("2013150", "30101", "人员经费", "某项目", "", "一般公共预算拨款", "1,000,000,000.00"),
            ("2013150", "30101", "人员经费", "", "王五", "一般公共预算拨款", "1"),
            ("2013150", "31099", "基本支出", "", "", "一般公共预算拨款", "1"),
            ("", "", "", "", "", "", "12,34"));

        var read = LineSheet.Read(grid);

        Assert.Empty(read.Lines);
        Assert.Equal(
        [
            "第 3 行“功能分类科目编码”：功能分类科目编码“201315”无效，应为 7 位数字的“项”级科目（如 2013150）。",
            "第 3 行“经济分类科目编码”：经济分类科目编码“3010”无效，应为 5 位数字的“款”级科目（如 30101）。",
            "第 3 行“支出类型”：“杂项”无法识别，应为人员经费、公用经费、项目支出（或基本支出，按经济分类确定人员经费或公用经费）。",
            $"第 3 行“资金来源”：“一般预算”无法识别，应为以下之一：{string.Join("、", MoneySources.All.Select(s => s.Label))}。",
            "第 3 行“金额（万元）”：“abc”不是有效的金额，请填写数字，如 1,234.56 或 1234.56。",
            "第 5 行“经济分类科目编码”：人员经费只能使用经济分类 301 工资福利支出或 303 对个人和家庭的补助的科目，“30201”不是。",
            "第 5 行“金额（万元）”：金额最多两位小数（万元精确到百元），填写的是 1.234。",
            "第 6 行“经济分类科目编码”：公用经费只能使用经济分类 302 商品和服务支出的科目，“30101”不是；其他支出请作为项目支出。",
            "第 6 行“金额（万元）”：金额不能为负数（填写的是 -5）。",
            "第 7 行“项目名称”：项目支出必须填写项目名称。",
            "第 7 行“金额（万元）”：金额应大于 0（单位：万元），现为 0。",
            "第 8 行“项目名称”：基本支出不填项目名称和项目负责人；属于项目的支出请选“项目支出”。",
            "第 8 行“金额（万元）”：金额 1,000,000,000.00 超出上限 999,999,999.99 万元，请核对金额单位（万元）。",
            "第 9 行“项目负责人”：基本支出不填项目名称和项目负责人；属于项目的支出请选“项目支出”。",
            "第 10 行“支出类型”：“基本支出”要按经济分类确定为人员经费（301、303 类）或公用经费（302 类），“31099”不属于这三类；请填写人员经费、公用经费或项目支出。",
            "第 11 行“功能分类科目编码”：未填写。",
            "第 11 行“经济分类科目编码”：未填写。",
            "第 11 行“支出类型”：未填写。",
            "第 11 行“资金来源”：未填写。",
            "第 11 行“金额（万元）”：“12,34”不是有效的金额，请填写数字，如 1,234.56 或 1234.56。",
        ], read.Errors);
    }

    [Fact]
    public void BasicSpendingNeedsAnEconomicCodeToKnowItsKind()
    {
        var read = LineSheet.Read(Sheet(("2013150", "", "基本支出", "", "", "一般公共预算拨款", "1")));

        Assert.Equal(
        [
            "第 2 行“经济分类科目编码”：未填写。",
            "第 2 行“支出类型”：“基本支出”要按经济分类确定为人员经费或公用经费，请先填好经济分类科目编码。",
        ], read.Errors);
    }

    [Fact]
    public void TooLongTextsAreRefusedByTheirLimits()
    {
        var project = new string('项', TextLimits.RowProject + 1);
        var leader = new string('张', TextLimits.ProjectLeader + 1);
        var cell = new string('x', LineSheet.MaxCellLength + 1);

        var read = LineSheet.Read(Sheet(
            ("2013199", "30299", "项目支出", project, leader, "一般公共预算拨款", "1"),
            ("2013199", "30299", "项目支出", "甲", "", cell, "1")));

        Assert.Equal(
        [
            $"第 2 行“项目名称”：项目名称最多 {TextLimits.RowProject} 个字，现有 {TextLimits.RowProject + 1} 个：“{TextLimits.Preview(project)}”。",
            $"第 2 行“项目负责人”：项目负责人最多 {TextLimits.ProjectLeader} 个字，现有 {TextLimits.ProjectLeader + 1} 个：“{TextLimits.Preview(leader)}”。",
            $"第 3 行“资金来源”：有 {LineSheet.MaxCellLength + 1} 个字，超过 {LineSheet.MaxCellLength} 个字的上限。",
        ], read.Errors);
    }

    [Fact]
    public void AProjectHasOneLeader()
    {
        var read = LineSheet.Read(Sheet(
            ("2013199", "30299", "项目支出", "机关运行补助经费", "张三", "一般公共预算拨款", "1"),
            ("2013199", "30201", "项目支出", "机关运行补助经费", "", "一般公共预算拨款", "1"),
            ("2013199", "30202", "项目支出", "机关运行补助经费", "李四", "一般公共预算拨款", "1")));

        Assert.Equal(["第 4 行“项目负责人”：项目“机关运行补助经费”的负责人在第 2 行是“张三”，这里是“李四”；同一项目只能有一位负责人。"], read.Errors);
    }

    [Fact]
    public void ASheetWithoutItsHeaderIsRefused()
    {
        var read = LineSheet.Read(Grid(["科目", "金额"], ["2013150", "1"]));

        Assert.Equal(["找不到表头：前 30 行中应有“功能分类科目编码”“经济分类科目编码”“金额（万元）”等列。"], read.Errors);
    }

    [Fact]
    public void AHeaderMissingARequiredColumnIsRefused()
    {
        var read = LineSheet.Read(Grid(["标题"], ["功能分类科目编码", "经济分类科目编码", "金额（万元）"], ["2013150", "30101", "1"]));

        Assert.Equal(["第 2 行的表头缺少“支出类型”“资金来源”列。"], read.Errors);
    }

    [Fact]
    public void AmountsInYuanAreRefused()
    {
        var read = LineSheet.Read(Grid(["功能分类科目编码", "经济分类科目编码", "支出类型", "资金来源", "金额（元）"], ["2013150", "30101", "人员经费", "一般公共预算拨款", "12000"]));

        Assert.Equal(["第 1 行“金额（元）”：金额应以万元填写，请换算后把表头改为“金额（万元）”。"], read.Errors);
    }

    [Fact]
    public void ASheetWithoutLinesIsRefused()
    {
        var read = LineSheet.Read(Grid(Header, [], ["", " "]));

        Assert.Equal(["表头（第 1 行）下没有预算明细。"], read.Errors);
    }

    [Fact]
    public void UpToTheLimitOfLinesIsRead()
    {
        var row = (IReadOnlyList<string>)["2013150", "", "30101", "", "人员经费", "", "", "一般公共预算拨款", "1.00"];
        var grid = new List<IReadOnlyList<string>> { Header };
        grid.AddRange(Enumerable.Repeat(row, LineSheet.MaxLines));

        var read = LineSheet.Read(grid);

        Assert.True(read.IsValid, string.Join("\n", read.Errors.Take(3)));
        Assert.Equal(LineSheet.MaxLines, read.Lines.Count);
    }

    [Fact]
    public void MoreLinesThanTheLimitAreRefusedUnread()
    {
        var row = (IReadOnlyList<string>)["2013150", "", "30101", "", "人员经费", "", "", "一般公共预算拨款", "1.00"];
        var grid = new List<IReadOnlyList<string>> { Header };
        grid.AddRange(Enumerable.Repeat(row, LineSheet.MaxLines + 1));

        var read = LineSheet.Read(grid);

        Assert.Empty(read.Lines);
        Assert.Equal(["明细有 20,001 行，超过 20,000 行的上限，请分成几个文件。"], read.Errors);
    }

    [Fact]
    public void AHugeGridIsRefusedBeforeItIsLookedThrough()
    {
        var grid = new List<IReadOnlyList<string>> { Header };
        grid.AddRange(Enumerable.Repeat((IReadOnlyList<string>)[], LineSheet.MaxLines * 2));

        Assert.Equal(["文件有 40,001 行（含空行），超过 40,000 行的上限，请删去空行或分成几个文件。"], LineSheet.Read(grid).Errors);
    }

    [Theory]
    [InlineData("人员经费", "30101", LineSpending.Personnel)]
    [InlineData("人员", "30101", LineSpending.Personnel)]
    [InlineData("公用经费", "30201", LineSpending.Public)]
    [InlineData("公 用", "30201", LineSpending.Public)]
    [InlineData("项目支出", "31099", LineSpending.Project)]
    [InlineData("项目", null, LineSpending.Project)]
    [InlineData("基本支出", "30301", LineSpending.Personnel)]
    [InlineData("基本支出", "30299", LineSpending.Public)]
    [InlineData("基本支出", "31099", null)]
    [InlineData("基本支出", null, null)]
    [InlineData("经常性支出", "30101", null)]
    public void WhatALinePaysForIsReadFromItsWords(string text, string? economic, LineSpending? expected) =>
        Assert.Equal(expected, LineSheet.ParseSpending(text, economic));
}

using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Classification;
using BudgetPortal.Domain.Tests.Seeds;
using Xunit.Abstractions;

namespace BudgetPortal.Domain.Tests.Lines;

/// <summary>
/// Turning a table-based budget into lines (<see cref="LineSplit"/>): tables that agree with each other (any
/// derived from lines) are split into lines that derive them again exactly; what the tables leave open is
/// said; a cell that disagrees with the rest is named.
/// </summary>
public sealed class LineSplitTests(ITestOutputHelper output)
{
    private const int Year = 2025;
    private const string Department = "测试部门";
    private static readonly YearCatalogs Catalogs = SeedCatalogs.For(Year);

    private static IReadOnlyList<BudgetTable> Tables(IReadOnlyList<BudgetLine> lines) => LineDerivation.Derive(lines, Year, Catalogs, Department);

    private LineSplitResult Split(IReadOnlyList<BudgetTable> tables)
    {
        var split = LineSplit.Split(tables, Year, Catalogs, Department);
        foreach (var choice in split.Choices) output.WriteLine(choice);
        foreach (var difference in split.Differences) output.WriteLine(difference.Message);
        return split;
    }

    private static BudgetLine L(string functional, string economic, LineSpending spending, MoneySource source, decimal amount, string? project = null) =>
        new(functional, economic, spending, source, amount, project);

    /// <summary>Every source of money, 基本 and 项目, 三公 in 基本支出 and in projects, transfers and carried-over money.</summary>
    private static readonly BudgetLine[] EverySource =
    [
        L("2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, 50.00m),
        L("2013150", "30217", LineSpending.Public, MoneySource.GeneralBudget, 1.20m),
        L("2013150", "30201", LineSpending.Public, MoneySource.GeneralBudgetTransfer, 3.00m),
        L("2080505", "30108", LineSpending.Personnel, MoneySource.GeneralBudget, 8.00m),
        L("2013199", "30217", LineSpending.Project, MoneySource.GeneralBudget, 2.00m, "接待项目"),
        L("2013199", "30299", LineSpending.Project, MoneySource.GeneralBudget, 18.00m, "接待项目"),
        L("2013199", "31013", LineSpending.Project, MoneySource.GeneralBudgetTransfer, 25.00m, "购车项目"),
        L("2013150", "30199", LineSpending.Personnel, MoneySource.GovFund, 4.00m),
        L("2013150", "30231", LineSpending.Public, MoneySource.GovFundTransfer, 1.50m),
        L("2013199", "30299", LineSpending.Project, MoneySource.GovFund, 6.00m, "基金项目"),
        L("2013199", "30299", LineSpending.Project, MoneySource.StateCapital, 7.00m, "国资项目"),
        L("2013150", "30299", LineSpending.Public, MoneySource.StateCapitalTransfer, 0.70m),
        L("2013150", "30201", LineSpending.Public, MoneySource.SpecialAccount, 2.00m),
        L("2013150", "30101", LineSpending.Personnel, MoneySource.UnitOperations, 9.00m),
        L("2013199", "30299", LineSpending.Project, MoneySource.UnitSuperior, 3.00m, "接待项目"),
        L("2013199", "30299", LineSpending.Project, MoneySource.UnitSubordinate, 1.00m, "接待项目"),
        L("2013150", "30299", LineSpending.Public, MoneySource.UnitBusiness, 0.50m),
        L("2013150", "30299", LineSpending.Public, MoneySource.UnitOther, 0.25m),
        L("2013199", "30299", LineSpending.Project, MoneySource.CarryoverGeneralBudget, 12.00m, "结转项目"),
        L("2013150", "30101", LineSpending.Personnel, MoneySource.CarryoverGovFund, 2.00m),
        L("2013199", "30299", LineSpending.Project, MoneySource.CarryoverStateCapital, 1.00m, "结转项目"),
        L("2013150", "30201", LineSpending.Public, MoneySource.NonFiscalCarryoverSpecialAccount, 0.30m),
        L("2013199", "30299", LineSpending.Project, MoneySource.NonFiscalCarryoverUnitFunds, 5.00m, "自有资金项目"),
    ];

    [Fact]
    public void TablesOfLinesOfEverySourceSplitIntoLinesThatGiveThemAgain()
    {
        var tables = Tables(EverySource);

        var split = Split(tables);

        Assert.True(split.IsExact);
        Assert.Empty(LineSplit.Compare(tables, Tables(split.Lines), Year));
        Assert.Equal(EverySource.Sum(l => l.Amount), split.Lines.Sum(l => l.Amount));
        Assert.Equal(MoneySources.All.Select(s => s.Source).Order(), split.Lines.Select(l => l.Source).Distinct().Order());
        // 表10's 三公 beyond 表6's 基本支出 come from the projects, coded as 三公 again.
        Assert.Equal(2.00m, split.Lines.Where(l => l is { EconomicCode: "30217", Spending: LineSpending.Project }).Sum(l => l.Amount));
        Assert.Equal(25.00m, split.Lines.Where(l => l is { EconomicCode: "31013", Project: "购车项目" }).Sum(l => l.Amount));
        Assert.Contains(split.Choices, c => c.StartsWith("表10 公务接待费 2.00 万元由项目“接待项目”安排，按 302 17 拆分", StringComparison.Ordinal));
    }

    [Fact]
    public void TheBasicSpendingOfAContributionGoesToItsPairedEconomicClass()
    {
        BudgetLine[] lines =
        [
            L("2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, 20.00m),
            L("2013150", "30110", LineSpending.Personnel, MoneySource.GeneralBudget, 1.00m),
            L("2101102", "30110", LineSpending.Personnel, MoneySource.GeneralBudget, 6.75m),
            L("2080505", "30108", LineSpending.Personnel, MoneySource.GeneralBudget, 13.50m),
        ];

        var split = Split(Tables(lines));

        Assert.True(split.IsExact);
        Assert.Contains(split.Lines, l => l is { FunctionalCode: "2101102", EconomicCode: "30110", Amount: 6.75m });
        Assert.Contains(split.Lines, l => l is { FunctionalCode: "2080505", EconomicCode: "30108", Amount: 13.50m });
        Assert.Contains(split.Lines, l => l is { FunctionalCode: "2013150", EconomicCode: "30110", Amount: 1.00m });
    }

    [Fact]
    public void WhatTheTablesDoNotSayIsSaid()
    {
        var seed = SeedFiles.Get("001").Load();

        var split = LineSplit.Split(seed.Tables, seed.FiscalYear, SeedCatalogs.For(seed.FiscalYear), seed.DepartmentName);

        Assert.Contains("表2 201 03 02 一般行政管理事务 单位资金 中 113.00 万元是项目支出（表3），表格没有给出项目名称和经济分类，归入该科目下表7 的项目“机构运行补助经费”，按 302 99 拆分。", split.Choices);
        Assert.Contains("表7 只列出项目支出的经济分类“类”：各项目按所列各类的“其他”款拆分（如商品和服务支出按 302 99）。", split.Choices);
        Assert.Contains(split.Lines, l => l is { Project: "机构运行补助经费", EconomicCode: "31099", Amount: 0.30m });
        Assert.All(split.Lines, l => Assert.Null(l.ProjectLeader));
    }

    [Fact]
    public void ACellThatDisagreesWithTheRestIsNamedByTableRowAndColumn()
    {
        var tables = Tables(EverySource).Select(t => t.Copy()).ToList();
        var table3 = tables.Single(t => t.Kind == TableKind.Expenditure);
        table3.Total!.Set(ColumnKeys.Total, table3.TotalOf(ColumnKeys.Total) + 5m);
        var item = table3.ByCode("2080505")!;
        item.Set(ColumnKeys.Basic, 9.00m);

        var split = Split(tables);

        Assert.Equal(
        [
            "表3 总计 合计：公开数 167.45，由预算明细得出 162.45（相差 -5.00）。",
            "表3 208 05 05 机关事业单位基本养老保险缴费支出 基本支出：公开数 9.00，由预算明细得出 8.00（相差 -1.00）。",
        ], split.Differences.Select(d => d.Message));
    }

    [Fact]
    public void ARoundingGapIsPutWhereThePrintedSumsSayAndTheRestIsNamed()
    {
        var seed = SeedFiles.Get("002").Load();

        var split = LineSplit.Split(seed.Tables, seed.FiscalYear, SeedCatalogs.For(seed.FiscalYear), seed.DepartmentName);

        // 210 11's 项 add up to 7.13 under a 7.12 that every total above repeats: the 项 not paired with a 款 gives 0.01.
        Assert.Contains("表2 210 11 99 其他行政事业单位医疗支出 一般公共预算 公开数 0.05，按 0.04 拆分：各项之和与总计 233.82 相差的舍入差计入此处。", split.Choices);
        Assert.Contains(split.Lines, l => l is { FunctionalCode: "2101199", Amount: 0.04m });
        Assert.Equal(7, split.Differences.Count);
        Assert.All(split.Differences, d => Assert.Equal("code:2101199", d.Row.ToString()));
    }

    /// <summary>
    /// Random budgets (deterministic seeds): every source, 基本 and 项目, the year's codes, 三公 and carried-over
    /// projects; the tables derived from them split into lines that derive the same tables, cell by cell.
    /// </summary>
    [Fact]
    public void TablesDerivedFromRandomLinesSplitIntoLinesThatGiveThemAgain()
    {
        var items = Catalogs.Functional.Current.Where(c => c.Code.Length == 7).Select(c => c.Code).ToList();
        var economic = Catalogs.Economic.Current.Where(c => c.Code.Length == 5).Select(c => c.Code).ToList();
        string[] projects = ["甲项目", "乙项目", "丙项目", "丁项目"];
        var failures = new List<string>();
        var cells = 0;
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var lines = new List<BudgetLine>();
            var count = random.Next(1, 40);
            for (var i = 0; i < count; i++)
            {
                var spending = (LineSpending)random.Next(3);
                var codes = economic.Where(e => spending switch
                {
                    LineSpending.Personnel => e[..3] is "301" or "303",
                    LineSpending.Public => e[..3] == "302",
                    _ => true,
                }).ToList();
                lines.Add(new BudgetLine(items[random.Next(Math.Min(items.Count, 8))], codes[random.Next(codes.Count)], spending,
                    MoneySources.All[random.Next(MoneySources.All.Count)].Source, random.Next(1, 100_000) / 100m,
                    spending == LineSpending.Project ? projects[random.Next(projects.Length)] : null));
            }
            var tables = Tables(lines);
            cells += tables.Sum(t => t.Rows.Sum(r => r.Cells.Count));
            var split = LineSplit.Split(tables, Year, Catalogs, Department);
            if (!split.IsExact)
                failures.Add($"seed {seed}: {string.Join("; ", split.Differences.Take(5).Select(d => d.Message))}\n  lines: {string.Join(" | ", lines)}");
        }
        foreach (var failure in failures) output.WriteLine(failure);
        Assert.True(cells > 10_000, $"only {cells} cells compared");
        Assert.Empty(failures);
    }
}

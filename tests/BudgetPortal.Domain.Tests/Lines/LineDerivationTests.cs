using System.Globalization;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Builders;
using BudgetPortal.Domain.Tests.Classification;

namespace BudgetPortal.Domain.Tests.Lines;

/// <summary>
/// The eleven tables of small budgets derived from their lines, cell by cell: where each line goes, what
/// the 类/款 rows, the department's row and the totals add up to, and which tables are empty.
/// </summary>
public sealed class LineDerivationTests
{
    private static readonly YearCatalogs Catalogs = LineCatalogs.For2025;
    private const string Department = DisclosureBuilder.DepartmentName;

    private static BudgetLine Line(string functional, string economic, LineSpending spending, MoneySource source, decimal amount, string? project = null) =>
        new(functional, economic, spending, source, amount, project);

    /// <summary>A 项目支出 line of this year's 一般公共预算.</summary>
    private static BudgetLine Project(string functional, string economic, decimal amount, string project) =>
        new(functional, economic, LineSpending.Project, MoneySource.GeneralBudget, amount, project);

    private static Dictionary<TableKind, BudgetTable> Derive(params BudgetLine[] lines) =>
        LineDerivation.Derive(lines, 2025, Catalogs, Department).ToDictionary(t => t.Kind);

    /// <summary>A table as rows of “row id: column=amount …”, the columns in the schema's order.</summary>
    private static string[] Render(BudgetTable table)
    {
        var schema = TableSchemas.For(table.Kind, 2025);
        return table.Rows.Select(r => $"{RowId.Across(r)}: " + string.Join(" ", schema.Columns.Where(c => r[c.Key] is not null)
            .Select(c => $"{c.Key}={r.Amount(c.Key).ToString("0.00", CultureInfo.InvariantCulture)}"))).ToArray();
    }

    /// <summary>Like seed 000: one source, 基本 and one project; the rows every published table of it has.</summary>
    [Fact]
    public void AGeneralBudgetOnlyBudgetGivesTheTablesOfASmallDepartment()
    {
        var t = Derive(
            Line("2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, 100m),
            Line("2013150", "30201", LineSpending.Public, MoneySource.GeneralBudget, 20m),
            Line("2013199", "30201", LineSpending.Project, MoneySource.GeneralBudget, 10m, "机关运行补助经费"),
            Line("2080505", "30108", LineSpending.Personnel, MoneySource.GeneralBudget, 13.5m));

        Assert.Equal(
        [
            "fixed:currentYear: income=143.50", "fixed:generalBudget: income=143.50", "fixed:generalBudgetOwn: income=143.50",
            "code:201: expenditure=130.00", "code:208: expenditure=13.50", "total: income=143.50 expenditure=143.50",
        ], Render(t[TableKind.IncomeAndExpenditure]));
        Assert.Equal(
        [
            "total: total=143.50 fiscal=143.50 generalBudget=143.50", "code:201: total=130.00 fiscal=130.00 generalBudget=130.00",
            "code:20131: total=130.00 fiscal=130.00 generalBudget=130.00", "code:2013150: total=120.00 fiscal=120.00 generalBudget=120.00",
            "code:2013199: total=10.00 fiscal=10.00 generalBudget=10.00", "code:208: total=13.50 fiscal=13.50 generalBudget=13.50",
            "code:20805: total=13.50 fiscal=13.50 generalBudget=13.50", "code:2080505: total=13.50 fiscal=13.50 generalBudget=13.50",
        ], Render(t[TableKind.Income]));
        string[] spending =
        [
            "total: total=143.50 basic=133.50 project=10.00", "code:201: total=130.00 basic=120.00 project=10.00",
            "code:20131: total=130.00 basic=120.00 project=10.00", "code:2013150: total=120.00 basic=120.00",
            "code:2013199: total=10.00 project=10.00", "code:208: total=13.50 basic=13.50", "code:20805: total=13.50 basic=13.50",
            "code:2080505: total=13.50 basic=13.50",
        ];
        Assert.Equal(spending, Render(t[TableKind.Expenditure]));
        Assert.Equal(spending, Render(t[TableKind.GeneralBudget]));
        Assert.Equal(
        [
            "fixed:fiscal: income=143.50", "fixed:generalBudget: income=143.50", "code:201: total=130.00 generalBudget=130.00",
            "code:208: total=13.50 generalBudget=13.50", "total: income=143.50 total=143.50 generalBudget=143.50",
        ], Render(t[TableKind.FiscalAppropriation]));
        Assert.Equal(
        [
            "total: total=133.50 personnel=113.50 public=20.00", "code:301: total=113.50 personnel=113.50",
            "code:30101: total=100.00 personnel=100.00", "code:30108: total=13.50 personnel=13.50",
            "code:302: total=20.00 public=20.00", "code:30201: total=20.00 public=20.00",
        ], Render(t[TableKind.GeneralBudgetBasic]));
        Assert.Equal(
        [
            "total: total=10.00 goodsServices=10.00", "department: total=10.00 goodsServices=10.00", "code:201: total=10.00 goodsServices=10.00",
            "code:20131: total=10.00 goodsServices=10.00", "project:2013199:机关运行补助经费: total=10.00 goodsServices=10.00",
        ], Render(t[TableKind.GeneralBudgetProjects]));

        // Names as the catalogs give them, the department's as the disclosure's.
        Assert.Equal("党委办公厅（室）及相关机构事务", t[TableKind.Income].ByCode("20131")!.Name);
        Assert.Equal("机关事业单位基本养老保险缴费", t[TableKind.GeneralBudgetBasic].ByCode("30108")!.Name);
        Assert.Equal("社会保障和就业支出", t[TableKind.IncomeAndExpenditure].ByCode("208")!.Name);
        var project = t[TableKind.GeneralBudgetProjects].OfKind(RowKind.Project).Single();
        Assert.Equal(("其他党委办公厅（室）及相关机构事务支出", "机关运行补助经费"), (project.Name, project.Project));
        Assert.Equal(Department, t[TableKind.GeneralBudgetProjects].OfKind(RowKind.Department).Single().Name);

        // Tables no line reaches are empty with their sentence.
        foreach (var kind in new[] { TableKind.GovernmentFund, TableKind.StateCapital, TableKind.ThreePublicExpenses, TableKind.Carryover })
        {
            Assert.Empty(t[kind].Rows);
            Assert.Equal(TableSchemas.For(kind, 2025).FormatEmptySentence(Department, 2025), t[kind].EmptyText);
        }
        Assert.StartsWith($"{Department} 2025 年没有上年结转结余预算安排的支出", t[TableKind.Carryover].EmptyText);
    }

    /// <summary>Every kind of money once: each table takes its own lines, and 表10 and 表11 list theirs.</summary>
    [Fact]
    public void EachSourceOfMoneyGoesToItsLinesAndColumns()
    {
        var t = Derive(
            Line("2010350", "30101", LineSpending.Personnel, MoneySource.GovFund, 10m),
            Line("2010350", "30217", LineSpending.Public, MoneySource.GeneralBudget, 2m),
            Line("2010302", "30201", LineSpending.Project, MoneySource.UnitOther, 50m, "甲"),
            Line("2010302", "31013", LineSpending.Project, MoneySource.StateCapital, 30m, "车"),
            Line("2010350", "30201", LineSpending.Public, MoneySource.CarryoverGeneralBudget, 5m),
            Line("2010302", "30201", LineSpending.Project, MoneySource.NonFiscalCarryoverUnitFunds, 6m, "乙"),
            Line("2010350", "30217", LineSpending.Project, MoneySource.GeneralBudgetTransfer, 1.5m, "丙"));

        Assert.Equal(
        [
            "fixed:currentYear: income=93.50", "fixed:generalBudget: income=3.50", "fixed:generalBudgetOwn: income=2.00",
            "fixed:generalBudgetTransfer: income=1.50", "fixed:govFund: income=10.00", "fixed:govFundOwn: income=10.00",
            "fixed:stateCapital: income=30.00", "fixed:stateCapitalOwn: income=30.00", "fixed:unitFunds: income=50.00",
            "fixed:unitFundsOther: income=50.00", "fixed:carryover: income=11.00", "fixed:fiscalCarryover: income=5.00",
            "fixed:fiscalCarryoverGeneralBudget: income=5.00", "fixed:nonFiscalCarryover: income=6.00",
            "fixed:nonFiscalCarryoverUnitFunds: income=6.00", "code:201: expenditure=104.50", "total: income=104.50 expenditure=104.50",
        ], Render(t[TableKind.IncomeAndExpenditure]));
        Assert.Equal(
        [
            "total: total=104.50 fiscal=43.50 generalBudget=2.00 generalBudgetTransfer=1.50 govFund=10.00 stateCapital=30.00 unitFunds=50.00 fiscalCarryover=5.00 nonFiscalCarryover=6.00",
            "code:201: total=104.50 fiscal=43.50 generalBudget=2.00 generalBudgetTransfer=1.50 govFund=10.00 stateCapital=30.00 unitFunds=50.00 fiscalCarryover=5.00 nonFiscalCarryover=6.00",
            "code:20103: total=104.50 fiscal=43.50 generalBudget=2.00 generalBudgetTransfer=1.50 govFund=10.00 stateCapital=30.00 unitFunds=50.00 fiscalCarryover=5.00 nonFiscalCarryover=6.00",
            "code:2010302: total=86.00 fiscal=30.00 stateCapital=30.00 unitFunds=50.00 nonFiscalCarryover=6.00",
            "code:2010350: total=18.50 fiscal=13.50 generalBudget=2.00 generalBudgetTransfer=1.50 govFund=10.00 fiscalCarryover=5.00",
        ], Render(t[TableKind.Income]));
        Assert.Equal(
        [
            "total: total=104.50 basic=17.00 project=87.50", "code:201: total=104.50 basic=17.00 project=87.50",
            "code:20103: total=104.50 basic=17.00 project=87.50", "code:2010302: total=86.00 project=86.00",
            "code:2010350: total=18.50 basic=17.00 project=1.50",
        ], Render(t[TableKind.Expenditure]));
        Assert.Equal(
        [
            "fixed:fiscal: income=43.50", "fixed:generalBudget: income=3.50", "fixed:govFund: income=10.00", "fixed:stateCapital: income=30.00",
            "code:201: total=43.50 generalBudget=3.50 govFund=10.00 stateCapital=30.00",
            "total: income=43.50 total=43.50 generalBudget=3.50 govFund=10.00 stateCapital=30.00",
        ], Render(t[TableKind.FiscalAppropriation]));
        Assert.Equal(["total: total=3.50 basic=2.00 project=1.50", "code:201: total=3.50 basic=2.00 project=1.50",
            "code:20103: total=3.50 basic=2.00 project=1.50", "code:2010350: total=3.50 basic=2.00 project=1.50"], Render(t[TableKind.GeneralBudget]));
        Assert.Equal(["total: total=2.00 public=2.00", "code:302: total=2.00 public=2.00", "code:30217: total=2.00 public=2.00"],
            Render(t[TableKind.GeneralBudgetBasic]));
        Assert.Equal(
        [
            "total: total=1.50 goodsServices=1.50", "department: total=1.50 goodsServices=1.50", "code:201: total=1.50 goodsServices=1.50",
            "code:20103: total=1.50 goodsServices=1.50", "project:2010350:丙: total=1.50 goodsServices=1.50",
        ], Render(t[TableKind.GeneralBudgetProjects]));
        Assert.Equal(["total: total=10.00 personnel=10.00", "code:201: total=10.00 personnel=10.00", "code:20103: total=10.00 personnel=10.00",
            "code:2010350: total=10.00 personnel=10.00"], Render(t[TableKind.GovernmentFund]));
        Assert.Equal(["total: total=30.00 project=30.00", "code:201: total=30.00 project=30.00", "code:20103: total=30.00 project=30.00",
            "code:2010302: total=30.00 project=30.00"], Render(t[TableKind.StateCapital]));
        // 三公 of every budget and of projects too; the lines with no money are not printed (as the seeds print 表10).
        Assert.Equal(
        [
            "fixed:total: total=33.50 generalBudget=3.50 stateCapital=30.00", "fixed:reception: total=3.50 generalBudget=3.50",
            "fixed:vehicles: total=30.00 stateCapital=30.00", "fixed:vehiclePurchase: total=30.00 stateCapital=30.00",
        ], Render(t[TableKind.ThreePublicExpenses]));
        // Carried-over 基本支出 in one row, projects by name.
        Assert.Equal(
        [
            "total: total=11.00 fiscal=5.00 fiscalPublic=5.00 nonFiscal=6.00 nonFiscalProject=6.00",
            "department: total=11.00 fiscal=5.00 fiscalPublic=5.00 nonFiscal=6.00 nonFiscalProject=6.00",
            $"project::{TableSchemas.CarryoverBasicRow}: total=5.00 fiscal=5.00 fiscalPublic=5.00",
            "project::乙: total=6.00 nonFiscal=6.00 nonFiscalProject=6.00",
        ], Render(t[TableKind.Carryover]));
        Assert.All(t.Values, table => Assert.Null(table.EmptyText));
    }

    [Fact]
    public void LinesOfTheSameCellAddUpAndProjectsKeepTheirOwnRowsInTheOrderEntered()
    {
        var t = Derive(
            Project("2013299", "30201", 0.01m, "乙项目"), Project("2013299", "30201", 2.34m, "甲项目"), Project("2013299", "30211", 1m, "乙项目"),
            Project("2013150", "30201", 3m, "甲项目"), Project("2013299", "30101", 0.99m, "乙项目"));

        Assert.Equal(
        [
            "total: total=7.34 wages=0.99 goodsServices=6.35", "department: total=7.34 wages=0.99 goodsServices=6.35",
            "code:201: total=7.34 wages=0.99 goodsServices=6.35", "code:20131: total=3.00 goodsServices=3.00",
            "project:2013150:甲项目: total=3.00 goodsServices=3.00", "code:20132: total=4.34 wages=0.99 goodsServices=3.35",
            "project:2013299:乙项目: total=2.00 wages=0.99 goodsServices=1.01", "project:2013299:甲项目: total=2.34 goodsServices=2.34",
        ], Render(t[TableKind.GeneralBudgetProjects]));
        Assert.Equal(["total: total=7.34 project=7.34", "code:201: total=7.34 project=7.34", "code:20131: total=3.00 project=3.00",
            "code:2013150: total=3.00 project=3.00", "code:20132: total=4.34 project=4.34", "code:2013299: total=4.34 project=4.34"],
            Render(t[TableKind.GeneralBudget]));
    }

    [Fact]
    public void Table7HasAColumnForEveryEconomicCategoryAndOtherForTheRest()
    {
        // One project line of each economic 类, 1.00 … 10.00 万元; 308 has no column of its own.
        string[] economic = ["30101", "30302", "30701", "30902", "31002", "31101", "31204", "31302", "39999", "30899"];
        var t = Derive([.. economic.Select((code, i) => Project("2013150", code, i + 1m, "甲"))]);

        var project = t[TableKind.GeneralBudgetProjects].OfKind(RowKind.Project).Single();
        Assert.Equal("total=55.00 wages=1.00 householdSubsidies=2.00 debtInterest=3.00 capitalConstruction=4.00 capital=5.00 " +
            "enterpriseConstruction=6.00 enterprise=7.00 socialSecurityFund=8.00 other=19.00", Render(t[TableKind.GeneralBudgetProjects])[^1].Split(": ")[1]);
        Assert.Equal("甲", project.Project);
    }

    [Fact]
    public void NoLinesGiveTablesWithoutRowsAndTheEmptySentences()
    {
        var tables = LineDerivation.Derive([], 2024, SeedCatalogs.For(2024), Department);

        Assert.Equal(TableSchemas.All, tables.Select(t => t.Kind));
        Assert.All(tables, t => Assert.Empty(t.Rows));
        Assert.Equal(TableSchemas.All.Where(k => TableSchemas.For(k, 2024).EmptySentence is not null),
            tables.Where(t => t.EmptyText is not null).Select(t => t.Kind));
        Assert.Contains("2024 年没有使用政府性基金预算拨款安排的支出", tables[7].EmptyText);
    }

    /// <summary>Every projection places every line it takes: a column for each use, budget and economic code of the catalogs.</summary>
    [Fact]
    public void EveryLineATableTakesHasAColumnThere()
    {
        var checkedPlacements = 0;
        foreach (var schema in TableSchemas.ForYear(2025))
            foreach (var projection in schema.LineProjections)
                foreach (var source in MoneySources.All)
                    foreach (var economic in Catalogs.Economic.Current.Where(c => c.Code.Length == 5).Select(c => c.Code))
                        foreach (var spending in Enum.GetValues<LineSpending>())
                        {
                            BudgetLine line;
                            try { line = Line("2013150", economic, spending, source.Source, 1m, spending == LineSpending.Project ? "甲" : null); }
                            catch (DomainException) { continue; } // 人员经费 outside 301/303, 公用经费 outside 302
                            var facts = LineDerivation.Facts(line);
                            if (!projection.Takes.Takes(facts)) continue;
                            var column = projection.Columns.Of(facts);
                            Assert.True(column is not null && schema.HasColumn(column), $"表{schema.Number}: {facts} has no column");
                            checkedPlacements++;
                        }
        Assert.True(checkedPlacements > 1000, $"only {checkedPlacements} placements checked");
    }

    [Fact]
    public void ADisclosureSetToLinesHasTheDerivedTablesAndNoTableError()
    {
        var disclosure = new DisclosureBuilder().Build();
        BudgetLine[] lines =
        [
            Line("2010350", "30101", LineSpending.Personnel, MoneySource.GovFund, 10m),
            Line("2010350", "30217", LineSpending.Public, MoneySource.GeneralBudget, 2m),
            Line("2010302", "31013", LineSpending.Project, MoneySource.StateCapital, 30m, "车"),
            Line("2010350", "30201", LineSpending.Public, MoneySource.UnitOperations, 5m),
            Line("2010302", "30201", LineSpending.Project, MoneySource.NonFiscalCarryoverUnitFunds, 6m, "乙"),
        ];

        disclosure.SetLines(lines, Catalogs);

        Assert.True(disclosure.IsLineBased);
        Assert.Equal(lines.Length, disclosure.Lines.Count);
        Assert.Equal(53m, disclosure.Table(TableKind.IncomeAndExpenditure).MainTotal);
        Assert.Equal(2m, disclosure.Table(TableKind.GeneralBudgetBasic).MainTotal);
        var report = ConsistencyChecks.Run(disclosure, Catalogs);
        Assert.DoesNotContain(report.Failures, f => LinePropertyTests.IsTableRule(f.Rule) && f.Severity is Severity.Error or Severity.Rounding);
        // The generalised rules compare what the seeds' did not: 表8, 表9 against 表4 (D2), other money's 基本支出 (E2, E3).
        Assert.Contains(report.Results, r => r.Rule == "D2" && r.Message.Contains("表8 同类合计") && r.Message.Contains("10.00"));
        Assert.Contains(report.Results, r => r.Rule == "E2" && r.Message.Contains("差额 5.00 不超过"));
        Assert.Contains(report.Results, r => r.Rule == "E3" && r.Message.Contains("非财政拨款基本支出 5.00"));
    }
}

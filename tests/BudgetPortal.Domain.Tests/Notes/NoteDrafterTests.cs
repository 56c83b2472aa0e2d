using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tests.Builders;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>Notes drafted from the figures of small disclosures (domain spec §7).</summary>
public sealed class NoteDrafterTests
{
    private const string Dept = DisclosureBuilder.DepartmentName;

    private static BudgetFiguresBuilder Department(int year = 2025) => BudgetFiguresBuilder.Example(year);

    private static PriorYearFigures LastYear(int year = 2024) => new()
    {
        FiscalYear = year,
        Income = new Dictionary<string, decimal> { ["generalBudget"] = 180.00m, ["unitFunds"] = 20.00m },
        Basic = 150.00m, Project = 50.00m, GeneralBudgetBasic = 150.00m, GeneralBudgetProject = 30.00m,
        Items =
        [
            new("2010302", 30.00m), new("2010350", 100.00m), new("2080505", 30.00m), new("2210201", 20.00m),
            new("2101102", 6.00m, "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）"),
        ],
        Overseas = 1.00m, VehicleOperation = 10.00m, Reception = 2.50m,
        OperatingExpenses = 25.00m,
    };

    private static IReadOnlyList<string> Draft(BudgetFiguresBuilder builder, string section, PriorYearFigures? prior = null)
    {
        var disclosure = builder.Build();
        return new NoteDrafter(disclosure, prior ?? LastYear(disclosure.FiscalYear - 1)).Section(section);
    }

    [Fact]
    public void IncomeSharesAreOfTheTable1Total()
    {
        var note = Draft(Department().WithReason("2", "generalBudget", "人员增加"), "2");
        Assert.Equal($"{Dept}部门收入预算 220.00 万元，其中：", note[0]);
        Assert.Equal("一般公共预算 200.00 万元，占 90.91%，比上年预算增加 20.00 万元，增长 11.11%，主要原因是人员增加。", note[1]);
        Assert.Contains("单位资金 20.00 万元，占 9.09%，比上年预算增加 0.00 万元，增长 0.00%。", note);
    }

    [Fact]
    public void ExpenditureSharesAreOfTheTable3Total()
    {
        var note = Draft(Department(), "3");
        Assert.Equal(
        [
            $"{Dept} 2025 年支出预算 220.00 万元，其中：",
            "基本支出 150.00 万元，占 68.18%，比上年预算增加 0.00 万元，增长 0.00%。",
            "项目支出 70.00 万元，占 31.82%，比上年预算增加 20.00 万元，增长 40.00%。",
        ], note);
    }

    [Fact]
    public void GeneralBudgetScaleCountsGeneralBudgetMoneyOnly()
    {
        var note = Draft(Department(), "5.1");
        Assert.Equal($"{Dept} 2025 年一般公共预算拨款合计 200.00 万元，其中：", note[0]);
        Assert.Equal("项目支出 50.00 万元，比上年预算增加 20.00 万元，增长 66.67%。", note[2]);
    }

    [Fact]
    public void StructureSharesAreOfTheTable5Total() =>
        Assert.Equal(
        [
            "1、一般公共服务支出（类）150.00 万元，占 75.00%。",
            "2、社会保障和就业支出（类）30.00 万元，占 15.00%。",
            "3、住房保障支出（类）20.00 万元，占 10.00%。",
        ], Draft(Department(), "5.2"));

    [Fact]
    public void ItemsAreTheUnionOfThisAndLastYearsItems()
    {
        var note = Draft(Department().WithReason("5.3", "2101102", "人员调出"), "5.3");
        Assert.Equal(5, note.Count);
        Assert.Equal("1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）：" +
                     "2025 年预算数为 50.00 万元，比上年预算增加 20.00 万元，增长 66.67%。", note[0]);
        Assert.Equal("4、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）：" +
                     "2025 年预算数为 0.00 万元，比上年预算减少 6.00 万元，下降 100.00%，主要原因是人员调出。", note[3]);
        Assert.StartsWith("5、住房保障支出（类）", note[4]);
    }

    [Fact]
    public void AnItemNewThisYearGrowsAHundredPercent()
    {
        var prior = LastYear();
        var note = Draft(Department(), "5.3", new PriorYearFigures { FiscalYear = 2024, Items = prior.Items.Skip(1).ToList() });
        Assert.EndsWith("2025 年预算数为 50.00 万元，比上年预算增加 50.00 万元，增长 100.00%。", note[0]);
    }

    [Fact]
    public void OverallListsTheSourcesAndCategoriesWithMoney() =>
        Assert.Equal(
        [
            $"按照全口径预算的原则，{Dept} 2025 年所有收入和支出均纳入部门预算管理。收支总预算 220.00 万元。",
            "收入预算包括：一般公共预算、单位资金。",
            "支出预算包括：一般公共服务支出、社会保障和就业支出、住房保障支出。",
        ], Draft(Department(), "1"));

    [Fact]
    public void ACategoryReadWithoutItsNameIsPrintedUnderItsStandardName()
    {
        // The seed disclosures print 类 by name (支出预算包括：一般公共服务支出…), never by code.
        var builder = new BudgetFiguresBuilder().WithIncome("generalBudget", 20.00m)
            .WithItem("2210201", category: null, "住房改革支出", "住房公积金", basic: 20.00m);
        Assert.Equal("支出预算包括：住房保障支出。", Draft(builder, "1")[2]);
        Assert.Equal("一般公共预算支出包括：住房保障支出 20.00 万元。", Draft(builder, "4")[3]);
        Assert.Equal(["1、住房保障支出（类）20.00 万元，占 100.00%。"], Draft(builder, "5.2"));
    }

    [Fact]
    public void FiscalAppropriationQuotesTable4WithThePurposesTyped()
    {
        var note = Draft(Department().WithLine("4", new NoteLine { Key = "201", Purpose = "人员工资" }), "4");
        Assert.Equal("2025 年财政拨款收支总预算 200.00 万元。", note[0]);
        Assert.Equal("收入预算包括：一般公共预算拨款 200.00 万元。", note[2]);
        Assert.Equal("一般公共预算支出包括：一般公共服务支出 150.00 万元，主要用于人员工资；社会保障和就业支出 30.00 万元；" +
                     "住房保障支出 20.00 万元。", note[3]);
    }

    [Fact]
    public void BasicExpenditureListsTheEconomicClassesOfEachKind() =>
        Assert.Equal(
        [
            $"{Dept} 2025 年一般公共预算基本支出 150.00 万元，其中：",
            "人员经费 120.00 万元，主要包括：基本工资、机关事业单位基本养老保险缴费。",
            "公用经费 30.00 万元，主要包括：办公费、公务用车运行维护费。",
        ], Draft(Department(), "6"));

    [Fact]
    public void ProjectsQuoteTable7AndTheTypedTexts()
    {
        var note = Draft(Department().WithLine("7", new NoteLine
        {
            Key = "project1", Label = "机构运行补助经费", Amount = 999m, PolicyBasis = "有关文件", Allocation = "维修 50 万元",
        }), "7");
        Assert.Equal(
        [
            "（一）项目名称：机构运行补助经费",
            "设立的政策依据：有关文件",
            "预算安排规模：50.00 万元",
            $"项目承担单位：{Dept}",
            "资金分配情况：维修 50 万元",
            "资金执行时间：2025 年 1 月 1 日-2025 年 12 月 31 日",
        ], note);
    }

    [Fact]
    public void ThreePublicChangesRunOverseasPurchaseOperationReception()
    {
        var note = Draft(Department().WithReason("10", "reception", "压减接待"), "10");
        Assert.Equal($"{Dept} 2025 年财政拨款“三公”经费数为 12.00 万元，其中：因公出国（境）费 0.00 万元，" +
                     "公务用车购置费 0.00 万元，公务用车运行费 10.00 万元，公务接待费 2.00 万元。", note[0]);
        Assert.Equal("2025 年财政拨款“三公”经费预算比上年预算减少 1.50 万元，下降 11.11%，其中：" +
                     "因公出国（境）费减少 1.00 万元，下降 100.00%；公务用车购置费增加 0.00 万元，增长 0.00%；" +
                     "公务用车运行费增加 0.00 万元，增长 0.00%；公务接待费减少 0.50 万元，下降 20.00%，主要原因是压减接待。", note[1]);
    }

    [Fact]
    public void ThreePublicIn2024SaysYusuanShuAndPrintsZeroAs0()
    {
        var note = Draft(Department(2024), "10");
        Assert.StartsWith($"{Dept} 2024 年财政拨款“三公”经费预算数为 12.00 万元，其中：因公出国（境）费 0 万元，公务用车购置费 0 万元，", note[0]);
    }

    [Fact]
    public void CarryoverListsTable11Projects()
    {
        var note = Draft(Department().WithCarryoverProject("机构运行保障经费", 8.00m)
            .WithLine("11", new NoteLine { Key = "project1", Label = "机构运行保障经费", Purpose = "日常运转" }), "11");
        Assert.Equal(
        [
            $"{Dept} 2025 年上年结转结余 8.00 万元，包括：财政拨款 0.00 万元，非财政拨款 8.00 万元，其中：",
            "1．机构运行保障经费 8.00 万元，主要用于日常运转。",
        ], note);
    }

    [Fact]
    public void NoCarryoverRepeatsTheEmptyTableSentence() =>
        Assert.Equal([$"{Dept} 2025 年没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。"], Draft(Department(), "11"));

    [Fact]
    public void OperatingExpensesAreTable6PublicAndSayShiyeDanweiIn2025() =>
        Assert.Equal([$"{Dept} 2025 年的事业单位运行经费财政拨款预算 30.00 万元，比上年预算增加 5.00 万元，增长 20.00%。"],
            Draft(Department(), "12.1"));

    [Fact]
    public void OperatingExpensesSayJiguanIn2024() =>
        Assert.StartsWith($"{Dept} 2024 年的机关运行经费财政拨款预算 30.00 万元", Draft(Department(2024), "12.1")[0]);

    [Fact]
    public void PerformanceIn2025CountsProjectsAndSplitsFiscalFromNonFiscal() =>
        Assert.Equal(["2025 年，本部门预算绩效管理整体预算绩效目标 1 个，涉及预算金额 220.00 万元；当年预算安排项目共 1 个，" +
                      "其中：财政拨款项目涉及预算金额 50.00 万元；非财政拨款项目涉及预算金额 20.00 万元。具体情况见下表："],
            Draft(Department(), "12.4"));

    [Fact]
    public void PerformanceIn2024CountsFiscalAndNonFiscalProjectsApart() =>
        Assert.Equal(["2024 年，本部门预算绩效管理整体预算绩效目标 1 个，涉及金额 220.00 万元；当年财政拨款项目 1 个，" +
                      "涉及预算金额 50.00 万元；当年非财政拨款项目 0 个，涉及预算金额 20.00 万元。具体情况见下表（按项目分别填报）："],
            Draft(Department(2024), "12.4"));

    [Fact]
    public void IncomeIn2025SaysUnarrangedBudgetsAreNotArranged()
    {
        var note = Draft(Department(), "2");
        Assert.Contains("政府性基金预算未安排。", note);
        Assert.Contains("国有资本经营预算未安排。", note);
        Assert.Contains("上级一般公共预算安排的转移支付资金未安排。", note);
    }

    [Fact]
    public void IncomeIn2024PrintsGovernmentFundAndStateCapitalAsZeroLines()
    {
        var note = Draft(Department(2024).WithReason("2", "govFund", "未安排政府性基金预算"), "2");
        Assert.Contains("政府性基金预算 0.00 万元，占 0.00%，比上年预算增加 0.00 万元，增长 0.00%，主要原因是未安排政府性基金预算。", note);
        Assert.Contains("国有资本经营预算 0.00 万元，占 0.00%，比上年预算增加 0.00 万元，增长 0.00%。", note);
        Assert.Contains("上级政府性基金安排的转移支付资金未安排。", note);
        Assert.DoesNotContain("政府性基金预算未安排。", note);
    }

    [Fact]
    public void ASourceBudgetedOnlyLastYearIsStillListed()
    {
        var prior = new PriorYearFigures { FiscalYear = 2024, Income = new Dictionary<string, decimal> { ["nonFiscalCarryover"] = 19.59m } };
        Assert.Contains("非财政拨款结转结余 0.00 万元，占 0.00%，比上年预算减少 19.59 万元，下降 100.00%。", Draft(Department(), "2", prior));
    }

    [Fact]
    public void FiscalAppropriationIn2024OpensWithTheDepartment() =>
        Assert.Equal($"{Dept} 2024 年财政拨款收支总预算 200.00 万元。", Draft(Department(2024), "4")[0]);

    [Fact]
    public void OnlyTheWordingComesFromTheTypedLinesNeverTheirNumbers()
    {
        var typed = new NoteLine { Key = "basic", Amount = 1.00m, Share = 1.00m, Change = 99.00m, ChangePercent = 1.00m, Reason = "工资调整" };
        Assert.Equal("基本支出 150.00 万元，占 68.18%，比上年预算增加 0.00 万元，增长 0.00%，主要原因是工资调整。",
            Draft(Department().WithLine("3", typed), "3")[1]);
    }

    [Fact]
    public void SectionsWithoutFiguresAreNotDrafted()
    {
        var drafter = new NoteDrafter(Department().Build(), LastYear());
        Assert.Throws<DomainException>(() => drafter.Section("8"));
        Assert.Equal(NoteDrafter.DraftedKeys, drafter.Draft().Keys);
    }
}

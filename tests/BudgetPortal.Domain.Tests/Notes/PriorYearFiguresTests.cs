using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tests.Builders;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>Last year's figures: from last year's disclosure, or as the current notes state them.</summary>
public sealed class PriorYearFiguresTests
{
    private static BudgetFiguresBuilder Department(int year) => BudgetFiguresBuilder.Example(year);

    private static NoteLine Stated(string key, decimal amount, decimal change) => new() { Key = key, Amount = amount, Change = change };

    [Fact]
    public void FromNoteLinesEachPriorAmountIsTheAmountLessTheChange()
    {
        var current = Department(2025)
            .WithLine("2", Stated("generalBudget", 200.00m, 16.34m))
            .WithLine("2", Stated("nonFiscalCarryover", 0m, -19.59m))
            .WithLine("3", Stated("basic", 150.00m, 6.34m))
            .WithLine("3", Stated("project", 70.00m, -9.59m))
            .WithLine("5.1", Stated("project", 50.00m, 50.00m))
            .WithLine("5.3", new NoteLine { Key = "2101102", Label = "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）", Amount = 0m, Change = -6.00m })
            .WithLine("10", Stated("reception", 0m, -0.50m))
            .WithLine("12.1", Stated("operating", 30.00m, 18.19m))
            .Build();

        var prior = PriorYearFigures.FromNoteLines(current);

        Assert.Equal(2024, prior.FiscalYear);
        Assert.Equal(183.66m, prior.IncomeOf("generalBudget"));
        Assert.Equal(19.59m, prior.IncomeOf("nonFiscalCarryover"));
        Assert.Equal(0m, prior.IncomeOf("unitFunds"));
        Assert.Equal((143.66m, 79.59m), (prior.Basic, prior.Project));
        Assert.Equal((0m, 0m), (prior.GeneralBudgetBasic, prior.GeneralBudgetProject));
        Assert.Equal(new PriorYearItem("2101102", 6.00m, "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）"), Assert.Single(prior.Items));
        Assert.Equal(0.50m, prior.ThreePublicTotal);
        Assert.Equal(11.81m, prior.OperatingExpenses);
    }

    [Fact]
    public void FromDisclosureReadsLastYearsTables()
    {
        var prior = PriorYearFigures.FromDisclosure(Department(2024).Build());

        Assert.Equal(2024, prior.FiscalYear);
        Assert.Equal((200.00m, 20.00m, 0m), (prior.IncomeOf("generalBudget"), prior.IncomeOf("unitFunds"), prior.IncomeOf("govFund")));
        Assert.Equal((150.00m, 70.00m), (prior.Basic, prior.Project));
        Assert.Equal((150.00m, 50.00m), (prior.GeneralBudgetBasic, prior.GeneralBudgetProject));
        Assert.Equal(["2010302", "2010350", "2080505", "2210201"], prior.Items.Select(i => i.Code));
        Assert.Equal(new PriorYearItem("2210201", 20.00m, "住房保障支出（类）住房改革支出（款）住房公积金（项）"), prior.Item("2210201"));
        Assert.Equal((10.00m, 0m), (prior.VehicleOperation, prior.Overseas));
        Assert.Equal(30.00m, prior.OperatingExpenses);
    }

    [Fact]
    public void AmountOfALineIsItsOwnFigureAndZeroForALineThatDoesNotCompare()
    {
        var prior = PriorYearFigures.FromDisclosure(Department(2024).Build());
        Assert.Equal((150.00m, 70.00m), (prior.AmountOf("3", "basic"), prior.AmountOf("3", "project")));
        Assert.Equal(50.00m, prior.AmountOf("5.1", "project"));
        Assert.Equal(20.00m, prior.AmountOf("5.3", "2210201"));
        Assert.Equal(10.00m, prior.AmountOf("10", "vehicleOperation"));
        Assert.Equal(30.00m, prior.AmountOf("12.1", "operating"));
        Assert.Equal(0m, prior.AmountOf("3", "total"));       // not 项目支出
        Assert.Equal(0m, prior.AmountOf("12.1", "public"));   // not 运行经费
    }

    [Fact]
    public void LastYearsDisclosureIsUsedWhenThePortalHasIt()
    {
        var current = Department(2025).WithLine("3", Stated("basic", 150.00m, 150.00m)).Build();
        Assert.Equal(150.00m, PriorYearFigures.For(current, Department(2024).Build()).Basic);
        Assert.Equal(0m, PriorYearFigures.For(current, null).Basic);
    }

    [Fact]
    public void AnotherDepartmentsDisclosureIsNotLastYears()
    {
        var other = new Disclosure(new Department("other", "昌吉回族自治州另一单位"), 2024);
        Assert.Throws<DomainException>(() => PriorYearFigures.For(Department(2025).Build(), other));
    }

    [Fact]
    public void ADisclosureOfAnotherYearIsNotLastYears() =>
        Assert.Throws<DomainException>(() => PriorYearFigures.For(Department(2025).Build(), Department(2023).Build()));

    [Fact]
    public void BothSourcesDraftTheSameNotesWhenTheNotesStateLastYearTruly()
    {
        // Last year had the same figures, so every printed change is 0.00.
        var current = Department(2025)
            .WithLine("2", Stated("generalBudget", 200.00m, 0m)).WithLine("2", Stated("unitFunds", 20.00m, 0m))
            .WithLine("3", Stated("basic", 150.00m, 0m)).WithLine("3", Stated("project", 70.00m, 0m))
            .WithLine("5.1", Stated("basic", 150.00m, 0m)).WithLine("5.1", Stated("project", 50.00m, 0m))
            .WithLine("5.3", Stated("2010302", 50.00m, 0m)).WithLine("5.3", Stated("2010350", 100.00m, 0m))
            .WithLine("5.3", Stated("2080505", 30.00m, 0m)).WithLine("5.3", Stated("2210201", 20.00m, 0m))
            .WithLine("10", Stated("reception", 2.00m, 0m)).WithLine("10", Stated("vehicleOperation", 10.00m, 0m))
            .WithLine("12.1", Stated("operating", 30.00m, 0m))
            .Build();

        var fromLines = NoteDrafter.Draft(current, PriorYearFigures.FromNoteLines(current));
        var fromLastYear = NoteDrafter.Draft(current, PriorYearFigures.FromDisclosure(Department(2024).Build()));

        foreach (var key in NoteDrafter.DraftedKeys)
            Assert.Equal(fromLastYear[key], fromLines[key]);
        Assert.Contains("基本支出 150.00 万元，占 68.18%，比上年预算增加 0.00 万元，增长 0.00%。", fromLines["3"]);
    }
}

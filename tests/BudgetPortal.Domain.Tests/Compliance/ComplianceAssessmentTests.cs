using BudgetPortal.Domain.Compliance;

namespace BudgetPortal.Domain.Tests.Compliance;

/// <summary>The status of an expected department on a day: on time, late, missing, in review, incomplete, corrected.</summary>
public sealed class ComplianceAssessmentTests
{
    private static readonly DateOnly Approved = new(2025, 1, 10);
    private static readonly ExpectedDepartment Department = new(1, "jyj", "教育局", null, "教育局", null, Approved);
    private static readonly ComplianceRules Rules = ComplianceRules.Default;

    /// <summary>Published at noon, China time, on <paramref name="day"/>.</summary>
    private static PublishedFacts Facts(DateOnly day, int version = 1, int errors = 0, int warnings = 0, params ChecklistFinding[] failures) =>
        new(version, new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)), errors, warnings, failures);

    private static ComplianceRow Assess(DateOnly asOf, bool inReview = false, params PublishedFacts[] published) =>
        ComplianceAssessment.Assess(Department, published, inReview, Rules, asOf);

    [Fact]
    public void NothingSubmittedBeforeTheDeadlineIsNotSubmitted()
    {
        var row = Assess(Approved.AddDays(20));
        Assert.Equal(ComplianceStatus.NotSubmitted, row.Status);
        Assert.Equal(new DateOnly(2025, 1, 30), row.Deadline);
        Assert.Null(row.Days);
        Assert.False(row.IsPublished);
    }

    [Fact]
    public void ADraftWaitingForReviewBeforeTheDeadlineIsInReview() =>
        Assert.Equal(ComplianceStatus.InReview, Assess(Approved.AddDays(5), inReview: true).Status);

    [Fact]
    public void NothingPublishedTheDayAfterTheDeadlineIsOverdueEvenInReview()
    {
        Assert.Equal(ComplianceStatus.Overdue, Assess(Approved.AddDays(21)).Status);
        Assert.Equal(ComplianceStatus.Overdue, Assess(Approved.AddDays(21), inReview: true).Status);
    }

    [Fact]
    public void PublishedOnTheLastDayIsOnTimeAndTheDayAfterIsLate()
    {
        var onTime = Assess(Approved.AddDays(60), false, Facts(Approved.AddDays(20)));
        Assert.Equal((ComplianceStatus.Published, 20, true), (onTime.Status, onTime.Days, onTime.IsOnTime));
        var late = Assess(Approved.AddDays(60), false, Facts(Approved.AddDays(21)));
        Assert.Equal((ComplianceStatus.PublishedLate, 21, false), (late.Status, late.Days, late.IsOnTime));
    }

    [Fact]
    public void ThePublicationDayIsChinasDateNotUtcs()
    {
        // 2025-01-30 23:30 in Beijing (15:30 UTC) is still the 20th day; 00:30 the next day (16:30 UTC) is not.
        var facts = new PublishedFacts(1, new DateTimeOffset(2025, 1, 30, 15, 30, 0, TimeSpan.Zero), 0, 0, []);
        Assert.Equal(ComplianceStatus.Published, Assess(Approved.AddDays(30), false, facts).Status);
        var nextDay = facts with { PublishedAt = new DateTimeOffset(2025, 1, 30, 16, 30, 0, TimeSpan.Zero) };
        Assert.Equal(ComplianceStatus.PublishedLate, Assess(Approved.AddDays(30), false, nextDay).Status);
    }

    [Fact]
    public void APublicationAfterTheDayAskedIsNotYetCounted()
    {
        var row = Assess(Approved.AddDays(3), false, Facts(Approved.AddDays(4)));
        Assert.Equal(ComplianceStatus.NotSubmitted, row.Status);
    }

    [Fact]
    public void WithoutA批复DateNothingIsLateAndNoDaysAreCounted()
    {
        var unapproved = Department with { ApprovedOn = null };
        var row = ComplianceAssessment.Assess(unapproved, [Facts(new DateOnly(2025, 6, 1))], false, Rules, new DateOnly(2025, 12, 31));
        Assert.Equal((ComplianceStatus.Published, (int?)null, (DateOnly?)null), (row.Status, row.Days, row.Deadline));
        Assert.Equal(ComplianceStatus.NotSubmitted, ComplianceAssessment.Assess(unapproved, [], false, Rules, new DateOnly(2026, 12, 31)).Status);
    }

    [Fact]
    public void ARegionsLongerDeadlineMakesTheSameDayOnTime()
    {
        var thirty = new ComplianceRules(30, "某省预算公开办法 第八条", []);
        var row = ComplianceAssessment.Assess(Department, [Facts(Approved.AddDays(25))], false, thirty, Approved.AddDays(40));
        Assert.Equal(ComplianceStatus.Published, row.Status);
        Assert.Equal(ComplianceStatus.PublishedLate, Assess(Approved.AddDays(40), false, Facts(Approved.AddDays(25))).Status);
    }

    [Fact]
    public void AnIncompleteDisclosureIsPublishedButNotCompleteAndNamesWhatFails()
    {
        var finding = new ChecklistFinding(ChecklistItem.ProcurementSection, "情况说明没有“政府采购情况”");
        var row = Assess(Approved.AddDays(30), false, Facts(Approved.AddDays(10), failures: finding));
        Assert.True(row.IsPublished);
        Assert.False(row.IsComplete);
        Assert.Equal([finding], row.Missing);
    }

    [Fact]
    public void AnItemTheRegionDoesNotRequireDoesNotMakeItIncomplete()
    {
        var rules = new ComplianceRules(20, ComplianceRules.DefaultDeadlineSource, [new ChecklistRule(ChecklistItem.ProcurementSection, false, "本省不要求")]);
        var finding = new ChecklistFinding(ChecklistItem.ProcurementSection, "情况说明没有“政府采购情况”");
        var row = ComplianceAssessment.Assess(Department, [Facts(Approved.AddDays(10), failures: finding)], false, rules, Approved.AddDays(30));
        Assert.True(row.IsComplete);
    }

    [Fact]
    public void ACorrectionKeepsTheFirstDateAndBringsItsOwnChecksAndChecklist()
    {
        var first = Facts(Approved.AddDays(10), 1, errors: 2, warnings: 1, new ChecklistFinding(ChecklistItem.AssetsSection, "缺"));
        var correction = Facts(Approved.AddDays(40), 2, errors: 0, warnings: 3);
        var row = Assess(Approved.AddDays(60), false, correction, first);
        Assert.Equal((ComplianceStatus.Published, 10, 2, 1), (row.Status, row.Days, row.Version, row.Corrections));
        Assert.Equal((0, 3), (row.Errors, row.Warnings));
        Assert.True(row.IsComplete);
        // Before the correction was public, the first version is what counts.
        var before = Assess(Approved.AddDays(20), false, correction, first);
        Assert.Equal((1, 2, false), (before.Version, before.Errors, before.IsComplete));
    }

    [Fact]
    public void TotalsCountSharesOfExpectedAndOfPublished()
    {
        var rows = new[]
        {
            Assess(Approved.AddDays(60), false, Facts(Approved.AddDays(5), errors: 1)),
            Assess(Approved.AddDays(60), false, Facts(Approved.AddDays(30), errors: 2, failures: new ChecklistFinding(ChecklistItem.AssetsSection, "缺"))),
            Assess(Approved.AddDays(60)),
            Assess(Approved.AddDays(60), inReview: true),
        };
        var totals = ComplianceTotals.Of("全区", rows);
        Assert.Equal((4, 2, 1, 1, 2, 1, 3), (totals.Expected, totals.Published, totals.OnTime, totals.Late, totals.Overdue, totals.Complete, totals.Errors));
        Assert.Equal(0.25m, totals.OnTimeShare);
        Assert.Equal(0.5m, totals.CompleteShare);
        Assert.Equal(1.5m, totals.ErrorsPerDisclosure);
        Assert.Null(ComplianceTotals.Of("空", []).OnTimeShare);
    }

    [Fact]
    public void ByDayCountsPublicationsCumulativelyUpToTheDeadlineAtLeast()
    {
        var rows = new[]
        {
            Assess(Approved.AddDays(60), false, Facts(Approved.AddDays(3))),
            Assess(Approved.AddDays(60), false, Facts(Approved.AddDays(3))),
            Assess(Approved.AddDays(60), false, Facts(Approved.AddDays(25))),
            Assess(Approved.AddDays(60)),
        };
        var days = ComplianceAssessment.ByDay(rows, 20);
        Assert.Equal(26, days.Count);
        Assert.Equal((3, 2, 2), days[3]);
        Assert.Equal((20, 0, 2), days[20]);
        Assert.Equal((25, 1, 3), days[^1]);
    }

    [Fact]
    public void RulesRefuseADeadlineOutOfRangeAnEmptySourceAndATwiceNamedItem()
    {
        Assert.Contains("1–366", Assert.Throws<DomainException>(() => new ComplianceRules(0, "x", [])).Message);
        Assert.Contains("依据", Assert.Throws<DomainException>(() => new ComplianceRules(20, " ", [])).Message);
        Assert.Contains("重复", Assert.Throws<DomainException>(() => new ComplianceRules(20, "x",
            [new ChecklistRule(ChecklistItem.AssetsSection, true, "a"), new ChecklistRule(ChecklistItem.AssetsSection, false, "b")])).Message);
        Assert.Equal(ChecklistItems.All.Count, ComplianceRules.Default.Required.Count());
        Assert.Contains("预算法", ComplianceRules.Default.DeadlineSource);
    }

    [Theory]
    [InlineData("逾期未公开", ComplianceStatus.Overdue)]
    [InlineData("PublishedLate", ComplianceStatus.PublishedLate)]
    [InlineData("已公开", ComplianceStatus.Published)]
    public void AStatusIsReadByItsLabelOrName(string text, ComplianceStatus status) =>
        Assert.Equal(status, ComplianceAssessment.ParseStatus(text));
}

using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tests.Seeds;
using Xunit.Abstractions;

namespace BudgetPortal.Domain.Tests.Checks;

/// <summary>
/// The checks on the four seed disclosures report exactly the spec's real errors as errors, its
/// rounding gaps as rounding, and its definitional (and narrative) inconsistencies as warnings.
/// </summary>
public sealed class SeedCheckReportTests(ITestOutputHelper output)
{
    private CheckReport Run(string seed)
    {
        var report = ConsistencyChecks.Run(SeedFiles.Get(seed).Load());
        foreach (var f in report.Failures) output.WriteLine($"{f.Rule} {f.Severity} {f.Location}: {f.Message}");
        return report;
    }

    private static string[] Failing(CheckReport report, Severity severity) =>
        report.Failures.Where(f => f.Severity == severity).Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Seed000HasNoErrorsAndOnlyItsRoundingGaps()
    {
        var report = Run("000");
        Assert.Empty(Failing(report, Severity.Error));
        Assert.Empty(Failing(report, Severity.Warning));
        Assert.Equal(["F5", "J9"], Failing(report, Severity.Rounding));
    }

    [Fact]
    public void Seed001ReportsTheWrongPerformanceAmountAndTheOverweightSheet()
    {
        var report = Run("001");
        Assert.Equal(["J17", "W1"], Failing(report, Severity.Error));
        Assert.Contains(report.Failures, f => f.Rule == "J17" && f.Message.Contains("308.101") && f.Message.Contains("318.10"));
        Assert.Contains(report.Failures, f => f.Rule == "W1" && f.Message.Contains("305"));
        Assert.Empty(Failing(report, Severity.Warning));
        Assert.Equal(["A3", "B1", "B2", "C3", "D3", "E4", "F5", "J8", "J9"], Failing(report, Severity.Rounding));
    }

    [Fact]
    public void Seed002ReportsTheCopiedPercentageAndTheUncountedNonFiscalProject()
    {
        var report = Run("002");
        var error = Assert.Single(report.Failures, f => f.Severity == Severity.Error);
        Assert.Equal("J3", error.Rule);
        Assert.Contains("28.45", error.Message);
        Assert.Contains("28.57", error.Message);
        Assert.Equal(["J19", "N1"], Failing(report, Severity.Warning));
        Assert.Equal(["B2", "J3", "J8", "J9"], Failing(report, Severity.Rounding));
    }

    [Fact]
    public void Seed003ReportsItsDefinitionalInconsistenciesAsWarnings()
    {
        var report = Run("003");
        Assert.Empty(Failing(report, Severity.Error));
        Assert.Equal(["J19", "K2", "N2"], Failing(report, Severity.Warning));
        Assert.Equal(["A3", "B1", "C3", "D3", "E4", "F5", "J8"], Failing(report, Severity.Rounding));
    }

    [Fact]
    public void EveryRuleHasAUniqueIdAndAChineseTitle()
    {
        Assert.Equal(ConsistencyChecks.Rules.Count, ConsistencyChecks.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(ConsistencyChecks.Rules, r => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r.Title));
    }
}

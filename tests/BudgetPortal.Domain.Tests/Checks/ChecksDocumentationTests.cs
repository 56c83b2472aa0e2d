using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Checks;

public sealed class ChecksDocumentationTests
{
    [Fact]
    public void DocsChecksListsEveryRuleWithItsSeverityAndTitle()
    {
        var doc = File.ReadAllLines(Path.Combine(SeedFiles.RepoRoot, "docs", "checks.md"));
        foreach (var rule in ConsistencyChecks.Rules)
        {
            var row = doc.SingleOrDefault(l => l.StartsWith($"| {rule.Id} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/checks.md has no row for {rule.Id}");
            Assert.Contains($"| {rule.Severity.ToString().ToLowerInvariant()} |", row);
            Assert.Contains(rule.Title, row);
        }
    }
}

using System.Text.Json;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

[Collection(PortalCollection.Name)]
public sealed class ChecksTests(PortalFixture portal)
{
    [Fact]
    public async Task ChecksJsonListsEveryComparisonWithRuleSeverityOutcomeMessageAndLocation()
    {
        var json = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/disclosures/zbjllc/2025/checks")).RootElement;
        var results = json.EnumerateArray().ToList();
        Assert.True(results.Count > 200);
        Assert.All(results, r =>
        {
            Assert.Contains(r.GetProperty("severity").GetString(), new[] { "error", "rounding", "warning" });
            Assert.Contains(r.GetProperty("outcome").GetString(), new[] { "pass", "fail" });
            Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(r.GetProperty("location").GetString()));
        });
        var rules = results.Select(r => r.GetProperty("rule").GetString()!).ToHashSet();
        // The catalog rules (M1, M2) run where the year's catalogs are given (the workspace); the seeds were published without.
        Assert.Superset(ConsistencyChecks.Rules.Where(r => r.Id != "H3" && r.EvaluateWithCatalogs is null).Select(r => r.Id).ToHashSet(), rules);
        var errors = results.Where(r => r.GetProperty("outcome").GetString() == "fail" && r.GetProperty("severity").GetString() == "error").ToList();
        Assert.Contains(errors, e => e.GetProperty("rule").GetString() == "J17" && e.GetProperty("message").GetString()!.Contains("308.101"));
        Assert.Contains(errors, e => e.GetProperty("rule").GetString() == "W1" && e.GetProperty("message").GetString()!.Contains("305"));
    }

    [Fact]
    public async Task ChecksPageShowsTheCopiedPercentageOf002AsAnError()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/checks");
        var j3 = page.QuerySelector("#rule-J3")!;
        Assert.Contains("error", j3.ClassList);
        Assert.Contains("错误", j3.QuerySelector(".outcome")!.TextContent);
        var error = j3.QuerySelectorAll(".findings li.error").Single();
        Assert.Contains("28.45", error.TextContent);
        Assert.Contains("28.57", error.TextContent);
        Assert.Contains("rounding", page.QuerySelector("#rule-B2")!.ClassList);
        Assert.Contains("warning", page.QuerySelector("#rule-J19")!.ClassList);
        Assert.Contains("pass", page.QuerySelector("#rule-A1")!.ClassList);
    }

    [Theory]
    [InlineData("jjxz", 2025, 0)]
    [InlineData("zbjllc", 2025, 3)]
    [InlineData("dkyj", 2024, 1)]
    [InlineData("gbkhpj", 2024, 0)]
    public async Task TheDisclosurePageShowsACheckBadgeLinkingToTheChecks(string code, int year, int errors)
    {
        var page = await portal.GetPageAsync($"/departments/{code}/{year}");
        var badge = page.QuerySelector(".check-badge")!;
        Assert.NotNull(badge.QuerySelector($"a[href='/departments/{code}/{year}/checks']"));
        Assert.Contains($"{errors} 个错误", badge.TextContent);
        var json = JsonDocument.Parse(await portal.Http.GetStringAsync($"/api/v1/disclosures/{code}/{year}")).RootElement;
        Assert.Equal(errors, json.GetProperty("checkSummary").GetProperty("errors").GetInt32());
    }
}

[Collection(PortalCollection.Name)]
public sealed class NoteDifferenceTests(PortalFixture portal)
{
    [Fact]
    public async Task TheChecksPageShowsWhereThePublishedNotesDifferFromTheFigures()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/checks");
        var rows = page.QuerySelectorAll("table.note-diff tbody tr");
        // X3: 五(三) item 5 prints 28.45% where 1.48 / 5.18 gives 28.57%.
        Assert.Contains(rows, r => r.GetAttribute("data-section") == "5.3" && r.TextContent.Contains("28.45 → 28.57"));
        // D1: 十二(四) counts no non-fiscal project, the tables carry 80.00.
        Assert.Contains(rows, r => r.GetAttribute("data-section") == "12.4" && r.TextContent.Contains("80.00"));
    }

    [Fact]
    public async Task ASeedWhoseNotesAgreeWithItsFiguresSaysSo()
    {
        var page = await portal.GetPageAsync("/departments/jjxz/2025/checks");
        Assert.Null(page.QuerySelector("table.note-diff"));
        Assert.Contains("每一句的数字都与表格一致", page.QuerySelector(".note-differences")!.TextContent);
    }
}

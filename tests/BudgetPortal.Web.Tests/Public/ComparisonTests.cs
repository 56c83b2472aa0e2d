using System.Globalization;
using AngleSharp.Dom;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

[Collection(PortalCollection.Name)]
public sealed class ComparisonTests(PortalFixture portal)
{
    private static string M(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The comparison table of the page at <paramref name="path"/>, asserted to compare table <paramref name="number"/>.</summary>
    private async Task<IElement> ComparisonTableAsync(string path, string number)
    {
        var table = (await portal.GetPageAsync(path)).QuerySelector("table.comparison")!;
        Assert.Equal(number, table.GetAttribute("data-table"));
        return table;
    }

    [Fact]
    public async Task TheYearRankingShowsEachDepartmentsFiguresFromItsTables()
    {
        var page = await portal.GetPageAsync("/compare/2024");
        foreach (var file in Repo.SeedDisclosureFiles)
        {
            var seed = Repo.LoadSeed(Path.GetFileName(file));
            if (seed.FiscalYear != 2024) continue;
            var row = page.QuerySelector($"table.ranking tr[data-code='{seed.Department.Code}']")!;
            string Cell(string column) => row.QuerySelector($"td[data-column='{column}']")!.TextContent.Trim();
            Assert.Equal(M(seed.Tables["1"].Rows.Single(r => r.Kind == "total").Cells["expenditure"]), Cell("total"));
            Assert.Equal(M(seed.Tables["10"].Rows.Single(r => r.Key == "total").Cells["total"]), Cell("threePublic"));
            Assert.Equal(M(seed.Tables["6"].Rows.Single(r => r.Kind == "total").Cells["public"]), Cell("runningCosts"));
            Assert.Equal(seed.Overview.Staff.Actual.ToString(CultureInfo.InvariantCulture), Cell("staff"));
            var total = seed.Tables["1"].Rows.Single(r => r.Kind == "total").Cells["expenditure"];
            Assert.Equal(M(Math.Round(total / seed.Overview.Staff.Actual, 2, MidpointRounding.AwayFromZero)), Cell("perPerson"));
        }
    }

    [Fact]
    public async Task SortingByAColumnOrdersTheRowsWithoutJavaScript()
    {
        var desc = await portal.GetPageAsync("/compare/2025?sort=threePublic&dir=desc");
        var asc = await portal.GetPageAsync("/compare/2025?sort=threePublic&dir=asc");
        var down = desc.QuerySelectorAll("table.ranking tbody tr").Select(r => r.GetAttribute("data-code")).ToList();
        var up = asc.QuerySelectorAll("table.ranking tbody tr").Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal(2, down.Count);
        Assert.Equal(down.AsEnumerable().Reverse(), up);
        // 001 has 4.96 of 三公, 000 2.50.
        Assert.Equal("zbjllc", down[0]);
        Assert.NotNull(desc.QuerySelector("th[aria-sort='descending'] a[href*='sort=threePublic']"));
        Assert.NotNull(asc.QuerySelector("th[aria-sort='ascending'] a[href*='sort=threePublic']"));
    }

    [Fact]
    public async Task PickedDepartmentsAreComparedTableByTable()
    {
        var table = await ComparisonTableAsync("/compare/2025/tables?d=jjxz&d=zbjllc&table=3", "3");
        string[] Row(string id) => table.QuerySelector($"tr[data-row='{id}']")!.QuerySelectorAll("td[data-column]").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["179.66", "318.10"], Row("total"));
        Assert.Equal(["—", "173.00"], Row("code:2010302"));
    }

    [Fact]
    public async Task AComparisonSaysWhatItComparesAndLeavesNoCellBlankOrFalselyHighlighted()
    {
        // Two departments of one year: a difference between them, not a change.
        var between = await ComparisonTableAsync("/compare/2025/tables?d=jjxz&d=zbjllc&table=3", "3");
        var headings = between.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("部门之间的差额", headings);
        Assert.Contains("差额率", headings);
        Assert.DoesNotContain(headings, h => h.Contains("增减", StringComparison.Ordinal));
        // jjxz has no 2010302 row: — in its amount and in the difference, and nothing highlighted.
        var missing = between.QuerySelector("tr[data-row='code:2010302']")!;
        Assert.Equal("—", missing.QuerySelector("td[data-column='0']")!.TextContent.Trim());
        Assert.Equal("—", missing.QuerySelector("td.difference")!.TextContent.Trim());
        Assert.DoesNotContain(between.QuerySelectorAll(".large-change"), td => td.TextContent.Trim() is "" or "—");
        // Every cell says something: a zero is 0.00, never blank.
        Assert.DoesNotContain(between.QuerySelectorAll("tbody td"), td => td.TextContent.Trim() == "");
        Assert.NotEmpty(between.QuerySelectorAll(".large-change"));

        // Over time (no seed department has two years yet: the summary's comparison with the year before): 比上年增减.
        var yoy = (await portal.GetPageAsync("/departments/zbjllc/2025")).QuerySelector("#chart-yoy table")!;
        Assert.Contains("比上年增减", yoy.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task ComparingFewerThanTwoDepartmentsSaysWhatToDo()
    {
        Assert.Contains("至少两个", await portal.TextAsync("/compare/2025/tables?d=jjxz", ".no-results"));
    }

    [Fact]
    public async Task ADepartmentOverTimeShowsItsYearsSideBySide()
    {
        var table = await ComparisonTableAsync("/departments/gbkhpj/trend?table=10", "10");
        Assert.Contains("2024 年", table.QuerySelector("thead")!.TextContent);
        var seed = Repo.LoadSeed("003_fb6e89ff8f450bc0.json");
        Assert.Equal(M(seed.Tables["10"].Rows.Single(r => r.Key == "total").Cells["total"]),
            table.QuerySelector("tr[data-row='fixed:total'] td[data-column='0']")!.TextContent.Trim());
    }
}

[Collection(PortalCollection.Name)]
public sealed class PublicationDateTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/departments/zbjllc/2025")]
    [InlineData("/departments/zbjllc/2025/checks")]
    [InlineData("/compare/2025")]
    [InlineData("/compare/2025/tables?d=jjxz&d=zbjllc&table=1")]
    [InlineData("/departments/zbjllc/trend")]
    public async Task EveryPublicPageSaysWhenItsDataWasPublished(string path)
    {
        var page = await portal.GetPageAsync(path);
        var text = page.QuerySelector(".published-on, .version")!.TextContent;
        // 001 was signed off (and is published as of) 2025-02-14.
        Assert.Matches(@"2025( 年 2 月 14 日|-02-14)", page.Body!.TextContent);
        Assert.Matches(@"\d{4}", text);
    }
}

using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>Finding a department's budget from the home page, without JavaScript.</summary>
[Collection(PortalCollection.Name)]
public sealed class SearchTests(PortalFixture portal)
{
    private async Task<List<string>> ResultCodesAsync(string query)
    {
        var page = await portal.GetPageAsync("/" + query);
        return page.QuerySelectorAll("table.results tbody th a").Select(a => a.GetAttribute("href")!.Split('/')[2]).ToList();
    }

    [Theory]
    [InlineData("?q=援疆", "dkyj")]
    [InlineData("?q=北京", "zbjllc")]
    [InlineData("?q=经济协作", "jjxz")]
    [InlineData("?q=考核评价", "gbkhpj")]
    [InlineData("?q=zbjllc", "zbjllc")]
    public async Task AnyPartOfTheNameFindsTheDepartment(string query, string code) =>
        Assert.Equal([code], await ResultCodesAsync(query));

    [Fact]
    public async Task WithoutConditionsEveryPublishedDisclosureIsListedNewestYearFirst()
    {
        var page = await portal.GetPageAsync("/");
        var rows = page.QuerySelectorAll("table.results tbody tr");
        Assert.Equal(Repo.SeedDisclosureFiles.Count(), rows.Length);
        var years = rows.Select(r => int.Parse(r.QuerySelectorAll("td")[0].TextContent[..4])).ToList();
        Assert.Equal(years.OrderByDescending(y => y), years);
    }

    [Fact]
    public async Task YearAndCategoryFilterTheResults()
    {
        Assert.Equal(["dkyj", "gbkhpj"], (await ResultCodesAsync("?year=2024")).Order());
        Assert.Equal(["jjxz", "zbjllc"], (await ResultCodesAsync("?year=2025")).Order());
        // Every seed spends on 201; none on 205 教育支出.
        Assert.Equal(4, (await ResultCodesAsync("?category=201")).Count);
        Assert.Empty(await ResultCodesAsync("?category=205"));
        Assert.Equal(["zbjllc"], await ResultCodesAsync("?q=北京&year=2025&category=201"));
        Assert.Empty(await ResultCodesAsync("?q=北京&year=2024"));
    }

    [Fact]
    public async Task ResultsShowTotalThreePublicAndPublicationDate()
    {
        var page = await portal.GetPageAsync("/?q=北京");
        var cells = page.QuerySelectorAll("table.results tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        var seed = Repo.LoadSeed("001_a42ce23be4573852.json");
        var total = seed.Tables["1"].Rows.Single(r => r.Kind == "total").Cells["expenditure"];
        var threePublic = seed.Tables["10"].Rows.Single(r => r.Key == "total").Cells["total"];
        Assert.Equal(total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), cells[1]);
        Assert.Equal(threePublic.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), cells[2]);
        Assert.Equal(seed.SignOff.Date.ToString("yyyy-MM-dd"), cells[3]);
    }

    [Fact]
    public async Task NothingFoundSaysSoInChinese()
    {
        var page = await portal.GetPageAsync("/?q=不存在的部门");
        Assert.Contains("没有找到符合条件的部门预算公开", page.QuerySelector(".no-results")!.TextContent);
        Assert.Null(page.QuerySelector("table.results"));
    }

    [Fact]
    public async Task TheSearchFormWorksWithoutJavaScript()
    {
        var page = await portal.GetPageAsync("/");
        var form = page.QuerySelector("form.search")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=q]"));
        Assert.NotNull(form.QuerySelector("select[name=year]"));
        Assert.NotNull(form.QuerySelector("select[name=category] option[value='201']"));
        // The search needs no script: the page's only one is the reading aid every page carries (site.js, a
        // written hint over a table wider than its box), loaded deferred.
        Assert.All(page.QuerySelectorAll("script"), s =>
        {
            Assert.Matches(@"^/js/site[.?]", s.GetAttribute("src"));
            Assert.True(s.HasAttribute("defer"));
        });
    }
}

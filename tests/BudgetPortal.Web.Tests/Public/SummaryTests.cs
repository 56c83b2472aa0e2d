using System.Globalization;
using AngleSharp.Dom;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>The summary at the top of a disclosure: its figures and its charts' data agree with the tables.</summary>
[Collection(PortalCollection.Name)]
public sealed class SummaryTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    private static string M(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static decimal Cell(DisclosureDocument doc, string table, Func<RowDoc, bool> row, string column) =>
        doc.Tables[table].Rows.Where(row).Select(r => r.Cells.GetValueOrDefault(column)).FirstOrDefault();

    private static List<(string Label, string Value)> DataRows(IElement figure) =>
        figure.QuerySelectorAll("table.chart-data tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("td")!.TextContent.Trim())).ToList();

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ChartDataTablesHoldTheTablesFiguresAndTotals(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var page = await portal.GetPageAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}");

        var structure = page.QuerySelector("#chart-structure")!;
        var categories = doc.Tables["3"].Rows.Where(r => r.Code?.Length == 3).Select(r => ($"{r.Code} {r.Name}", M(r.Cells["total"]))).ToList();
        Assert.Equal(categories, DataRows(structure));
        Assert.Equal(M(Cell(doc, "3", r => r.Kind == "total", "total")), structure.QuerySelector("tfoot td")!.TextContent.Trim());

        var income = page.QuerySelector("#chart-income")!;
        Assert.Equal(M(Cell(doc, "1", r => r.Kind == "total", "income")), income.QuerySelector("tfoot td")!.TextContent.Trim());
        var sources = DataRows(income).Select(r => decimal.Parse(r.Value, CultureInfo.InvariantCulture)).Sum();
        var incomeLines = new[] { "generalBudget", "govFund", "stateCapital", "specialAccount", "unitFunds", "fiscalCarryover", "nonFiscalCarryover" }
            .Sum(k => Cell(doc, "1", r => r.Key == k, "income"));
        Assert.Equal(incomeLines, sources);

        var threePublic = page.QuerySelector("#chart-three-public")!;
        var thisYear = threePublic.QuerySelectorAll("tfoot td").Last().TextContent.Trim();
        Assert.Equal(M(Cell(doc, "10", r => r.Key == "total", "total")), thisYear);
        Assert.NotNull(page.QuerySelector("#chart-yoy table.chart-data tbody tr"));
        Assert.All(page.QuerySelectorAll("figure.chart"), f => Assert.NotNull(f.QuerySelector("canvas[aria-hidden='true']")));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task KeyFiguresComeFromTheTables(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var page = await portal.GetPageAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}");
        var figures = page.QuerySelector(".key-figures")!.TextContent;
        Assert.Contains($"{M(Cell(doc, "1", r => r.Kind == "total", "expenditure"))} 万元", figures);
        Assert.Contains($"{M(Cell(doc, "3", r => r.Kind == "total", "basic"))} / {M(Cell(doc, "3", r => r.Kind == "total", "project"))} 万元", figures);
        Assert.Contains($"{M(Cell(doc, "10", r => r.Key == "total", "total"))} 万元", figures);
        Assert.Contains($"{M(Cell(doc, "6", r => r.Kind == "total", "public"))} 万元", figures);
    }

    [Fact]
    public async Task TheChangeAgainstLastYearIsTheOneTheNotesImply()
    {
        // 001 说明三: basic and project with their changes imply last year's total 342.31 (spec J5).
        Assert.Contains("比上年减少 24.21 万元", await portal.TextAsync("/departments/zbjllc/2025", ".key-figures"));
    }

    [Fact]
    public async Task ChartsAreDrawnByLocalScriptsOnly()
    {
        var page = await portal.GetPageAsync("/departments/jjxz/2025");
        var sources = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.All(sources, s => Assert.StartsWith("/", s));
        // Chart.js is not among the page's scripts: charts.js loads it when a chart nears the screen, from the
        // address it is given, fingerprinted (chart.umd.min.{hash}.js: static assets, cached a year).
        Assert.DoesNotContain(sources, s => s.Contains("/lib/chart.js/", StringComparison.Ordinal));
        var charts = page.QuerySelectorAll("script[src]").Single(s => s.GetAttribute("src")!.StartsWith("/js/charts.", StringComparison.Ordinal));
        var address = charts.GetAttribute("data-library")!;
        Assert.Matches(@"^/lib/chart\.js/chart\.umd\.min\.\w+\.js$", address);
        using var library = await portal.Http.GetAsync(address);
        Assert.True(library.IsSuccessStatusCode, "Chart.js is installed by the scripts (npm ci) and served locally");
        Assert.Contains("immutable", library.Headers.CacheControl?.ToString() ?? "");
    }
}

using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// The public pages read on a 390 px phone and a 1366 px desktop (issue 18): the document never scrolls
/// sideways (a table scrolls in its own box, and says so), every chart's canvas has its box's aspect (a pie
/// is round), the disclosure's part navigation stays in view and jumps to its parts with or without
/// scripts, 回到顶部 goes back to the top, and a badge like "3 个错误" leads to those errors, listed first.
/// Screenshots under TestResults/screenshots/reading-*.png.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReadingLayoutBrowserTests(PortalFixture portal, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    /// <summary>zbjllc 2025 has 3 errors (ChecksTests): its badge has somewhere to lead.</summary>
    private const string Disclosure = "/departments/zbjllc/2025";

    public static TheoryData<string, string, int> PagesAtBothWidths()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var width in new[] { 390, 1366 })
        {
            data.Add("home", "/", width);
            data.Add("department", "/departments/zbjllc", width);
            data.Add("disclosure", Disclosure, width);
            data.Add("checks", Disclosure + "/checks", width);
            data.Add("comparison", "/compare/2025", width);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAtBothWidths))]
    public async Task APageFitsTheScreenItsTablesScrollInTheirBoxesAndItsChartsKeepTheirAspect(string name, string path, int width)
    {
        var page = await browser.NewPageAsync(portal.BaseAddress, width);
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Read through: each chart is drawn as it nears the screen.
        var charts = await Charts.DrawAllAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"reading-{name}-{width}.png"), FullPage = true,
        });

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} at {width} px is {overflow} px wider than the screen");

        // Every table sits in a box of its own that scrolls; a box narrower than its table says so above it.
        var tables = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('main table')].filter(t => !t.closest('.table-scroll'))
                .map(t => t.className || t.querySelector('caption')?.textContent || 'table')
            """);
        Assert.True(tables.Length == 0, $"tables outside a scroll box: {string.Join(", ", tables)}");
        var unhinted = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('.table-scroll')].filter(b => b.scrollWidth > b.clientWidth + 1)
                .filter(b => { const h = b.previousElementSibling; return !(h && h.classList.contains('scroll-hint') && h.offsetHeight > 0); })
                .map(b => b.getAttribute('aria-label') || b.getAttribute('aria-labelledby') || b.className)
            """);
        Assert.True(unhinted.Length == 0, $"boxes wider than the screen without a hint: {string.Join(", ", unhinted)}");

        // Each canvas fills its box and draws at the box's aspect: no stretching, a pie stays round.
        var canvases = await page.EvaluateAsync<double[][]>("""
            [...document.querySelectorAll('figure.chart canvas')].map(c => {
                const r = c.getBoundingClientRect(), b = c.closest('.chart-box').getBoundingClientRect(), dpr = window.devicePixelRatio;
                return [r.width, r.height, b.width, b.height, c.width / dpr, c.height / dpr];
            })
            """);
        Assert.Equal(charts, canvases.Length);
        foreach (var c in canvases)
        {
            var (shownWidth, shownHeight, boxWidth, boxHeight, drawnWidth, drawnHeight) = (c[0], c[1], c[2], c[3], c[4], c[5]);
            Assert.True(shownHeight > 100, $"a chart {shownHeight} px high");
            Assert.InRange(shownWidth, boxWidth - 2, boxWidth + 2);
            Assert.InRange(shownHeight, boxHeight - 2, boxHeight + 2);
            Assert.InRange(drawnWidth, shownWidth - 2, shownWidth + 2);
            Assert.InRange(drawnHeight, shownHeight - 2, shownHeight + 2);
        }
        if (name == "disclosure")
        {
            Assert.Equal(4, charts);
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "本页各部分" })).ToBeVisibleAsync();
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>
    /// The disclosure's first screen on a phone comes without Chart.js (≈ 200 KB, the page's heaviest script;
    /// issue 15, docs/benchmarks.md "Lighthouse"): the library is asked for once, when the first chart nears
    /// the screen; that chart is drawn into the box it held from the start, so nothing moves; the last chart,
    /// further down, waits its turn.
    /// </summary>
    [Fact]
    public async Task ChartJsIsLoadedAndAChartDrawnOnlyWhenTheReaderNearsIt()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress, 390, 800);
        var library = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/lib/chart.js/", StringComparison.Ordinal)) library.Add(request.Url); };
        await page.GotoAsync(Disclosure);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(library.Count == 0, $"Chart.js asked for before any chart neared the screen: {string.Join(", ", library)}");
        Assert.Equal(0, await page.Locator("figure.chart.has-chart").CountAsync());

        var structure = page.Locator("#chart-structure");
        var box = structure.Locator(".chart-box");
        var held = (await box.BoundingBoxAsync())!;
        Assert.True(held.Height > 100, $"the chart's box holds {held.Height} px before the chart is drawn");
        await page.EvaluateAsync("""
            window.shifted = 0;
            new PerformanceObserver(list => list.getEntries().forEach(e => window.shifted += e.value)).observe({ type: 'layout-shift' });
            """);
        await structure.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(structure).ToHaveClassAsync(Charts.Drawn());
        Assert.Single(library);
        Assert.Matches(@"/lib/chart\.js/chart\.umd\.min\.\w+\.js$", library[0]);
        var drawn = (await box.BoundingBoxAsync())!;
        Assert.InRange(drawn.Height, held.Height - 0.5, held.Height + 0.5);
        Assert.True(await structure.Locator("canvas").EvaluateAsync<int>("c => c.width") > 100, "the chart is not drawn into its canvas");
        await Charts.AnimationFramesAsync(page);
        Assert.Equal(0, await page.EvaluateAsync<double>("window.shifted"));
        Assert.False(await page.Locator("#chart-three-public").EvaluateAsync<bool>("f => f.classList.contains('has-chart')"),
            "the last chart, screens further down, is drawn already");

        // The rest as the reader gets to them, from the one library.
        Assert.Equal(4, await Charts.DrawAllAsync(page));
        Assert.Single(library);
    }

    /// <summary>When Chart.js does not come (not installed, or blocked), the charts' boxes go and their tables stand alone.</summary>
    [Fact]
    public async Task WithoutTheLibraryTheChartsBoxesGoAndTheirTablesStand()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress, 390, 800);
        await page.RouteAsync("**/lib/chart.js/**", route => route.AbortAsync());
        await page.GotoAsync(Disclosure);
        var structure = page.Locator("#chart-structure");
        await structure.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(structure).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bno-chart\b"));
        await Assertions.Expect(structure.Locator(".chart-box")).ToBeHiddenAsync();
        await Assertions.Expect(structure.Locator("table.chart-data")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("figure.chart.has-chart").CountAsync());
    }

    /// <summary>With scripts off, as with them: the navigation is plain links to the parts and a sticky bar.</summary>
    [Theory]
    [InlineData(390, false)]
    [InlineData(1366, true)]
    public async Task ThePartNavigationStaysInViewJumpsToEachPartAndBackToTheTop(int width, bool scripts)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = 800 },
            JavaScriptEnabled = scripts, Locale = "zh-CN",
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(Disclosure);
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "本页各部分" });
            foreach (var (link, target) in new[] { ("情况说明", "#part-3"), ("表3 部门支出总体情况表", "#table-3"), ("名词解释", "#part-4"), ("部门概况", "#part-1") })
            {
                await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
                Assert.EndsWith(target, page.Url);
                // The part starts just below the bar, which stays at the top of the screen.
                var navBox = (await nav.BoundingBoxAsync())!;
                var partTop = await page.EvaluateAsync<double>($"document.querySelector('{target}').getBoundingClientRect().top");
                Assert.InRange(navBox.Y, -1, 1);
                Assert.InRange(partTop, navBox.Height - 2, navBox.Height + 60);
                Assert.True(await page.EvaluateAsync<double>("window.scrollY") > 500);
            }
            if (scripts)
                await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "部门概况" })).ToHaveAttributeAsync("aria-current", "location");

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"reading-part-nav-{width}.png") });
            await nav.GetByRole(AriaRole.Link, new() { Name = "↑ 回到顶部" }).ClickAsync();
            await page.WaitForFunctionAsync("window.scrollY === 0");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeInViewportAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task TheErrorBadgeLeadsToTheErrorsListedBeforeWarningsRoundingGapsAndPassingRules()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress, 390);
        await page.GotoAsync(Disclosure);
        var badge = page.Locator(".check-badge").GetByRole(AriaRole.Link, new() { Name = "3 个错误" });
        await badge.ClickAsync();
        await page.WaitForURLAsync($"**{Disclosure}/checks#errors");

        var errors = page.Locator("tbody#errors");
        await Assertions.Expect(errors).ToBeInViewportAsync();
        var errorRules = await errors.Locator("tr[id^='rule-']").EvaluateAllAsync<string[]>("rows => rows.map(r => r.className)");
        Assert.NotEmpty(errorRules);
        Assert.All(errorRules, c => Assert.Equal("error", c));
        Assert.Equal(3, await errors.Locator(".findings li.error").CountAsync());

        // In the page's order: every error rule, then warnings, then rounding gaps; the passing rules folded after them.
        var order = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('table.checks tr[id^=\"rule-\"]')].map(r => r.className)");
        static int Rank(string c) => c switch { "error" => 0, "warning" => 1, "rounding" => 2, "pass" => 3, _ => 9 };
        Assert.Equal(order.OrderBy(Rank).ToArray(), order);
        Assert.Contains("pass", order);
        await Assertions.Expect(page.Locator("details.passing-rules tr.pass").First).Not.ToBeVisibleAsync();
        await page.GetByText("通过的规则：").ClickAsync();
        await Assertions.Expect(page.Locator("details.passing-rules tr.pass").First).ToBeVisibleAsync();
    }
}

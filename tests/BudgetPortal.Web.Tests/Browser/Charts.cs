using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// A page's charts are drawn as they near the screen (charts.js loads Chart.js then; issue 15): a test that
/// looks at all of them brings each into view first, as a reader scrolling through does.
/// </summary>
public static partial class Charts
{
    /// <summary>Scrolls each chart into view and waits until it is drawn; back at the top after. The number of charts.</summary>
    public static async Task<int> DrawAllAsync(IPage page)
    {
        var figures = page.Locator("figure.chart");
        var count = await figures.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await figures.Nth(i).ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(figures.Nth(i)).ToHaveClassAsync(Drawn());
        }
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        return count;
    }

    /// <summary>Two frames: what observers saw during the last scroll has been acted on.</summary>
    public static Task AnimationFramesAsync(IPage page) =>
        page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");

    /// <summary>A drawn chart's figure has the class has-chart.</summary>
    [GeneratedRegex(@"\bhas-chart\b")]
    public static partial Regex Drawn();
}

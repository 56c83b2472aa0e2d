using System.Text.RegularExpressions;
using BudgetPortal.Web.Printing;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Printing;

/// <summary>What a printed 目录 says, read back with pdftotext; and a print view printed as the printer does.</summary>
public static class PrintedContents
{
    /// <summary>
    /// The page the 目录 gives for each part and table, under the ids of their link targets
    /// (part-1 … part-4, table-1 … table-11), so it compares with the PDF's named destinations.
    /// </summary>
    public static Dictionary<string, int> Read(IReadOnlyList<string> pages)
    {
        var toc = pages.FirstOrDefault(p => Regex.IsMatch(p, @"(?m)^\s*目\s*录\s*$"));
        Assert.True(toc is not null, "no page titled 目录");
        var listed = new Dictionary<string, int>();
        // An entry's title may wrap: its page number ends its last line.
        foreach (Match m in Regex.Matches(toc, @"(?ms)^\s*(?:第(?<part>[一二三四])部分|表(?<table>\d+))\s.*?\s(?<page>\d+)[ \t]*$"))
        {
            var target = m.Groups["part"].Success
                ? "part-" + ("一二三四".IndexOf(m.Groups["part"].Value, StringComparison.Ordinal) + 1)
                : "table-" + m.Groups["table"].Value;
            listed[target] = int.Parse(m.Groups["page"].Value);
        }
        return listed;
    }

    public static async Task<Dictionary<string, int>> ReadAsync(byte[] pdf) => Read(await Poppler.PageTextsAsync(pdf));

    /// <summary>
    /// Loads the print view of a disclosure in the portal's own browser, lets <paramref name="change"/>
    /// (a JavaScript function, given <paramref name="arg"/>) alter it, and prints it with the printer.
    /// </summary>
    public static Task<PrintedPdf> PrintViewAsync(PortalFixture portal, int disclosureId, string? change = null, object? arg = null)
    {
        var printer = portal.Services.GetRequiredService<DisclosurePrinter>();
        return portal.Services.GetRequiredService<ChromiumBrowser>().WithPageAsync(async page =>
        {
            await page.GotoAsync(new Uri(portal.BaseAddress, $"/print/disclosures/{disclosureId}").ToString());
            if (change is not null) await page.EvaluateAsync(change, arg);
            return await printer.PrintLoadedViewAsync(page, $"disclosure {disclosureId}{(change is null ? "" : $" changed ({arg})")}");
        }, CancellationToken.None);
    }
}

using System.Text.RegularExpressions;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Printing;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Printing;

/// <summary>
/// The 目录 page numbers are worked out by js/print.js before printing, so that a disclosure is
/// printed once; the printer checks them against the PDF and prints again when they are wrong.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PaginationTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    private async Task<Disclosure> PublishedAsync(string code, int year)
    {
        await using var db = portal.NewDbContext();
        return await db.Disclosures.AsNoTracking().Include(d => d.Department)
            .Where(d => d.Department.Code == code && d.FiscalYear == year && d.PublishedAt != null)
            .OrderByDescending(d => d.Version).FirstAsync();
    }

    /// <summary>The pages a 目录 names for each part (第一部分 … 第四部分), read back from the printed text.</summary>
    private static async Task<Dictionary<string, int>> ContentsAsync(byte[] pdf)
    {
        var pages = await Poppler.PageTextsAsync(pdf);
        var toc = pages.First(p => Regex.IsMatch(p, @"(?m)^\s*目\s*录\s*$"));
        var listed = new Dictionary<string, int>();
        foreach (Match m in Regex.Matches(toc, @"(?m)^\s*第(?<n>[一二三四])部分\s.*?\s(?<page>\d+)\s*$"))
            listed["part-" + ("一二三四".IndexOf(m.Groups["n"].Value, StringComparison.Ordinal) + 1)] = int.Parse(m.Groups["page"].Value);
        return listed;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EverySeedIsPaginatedRightAndPrintedOnce(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var disclosure = await PublishedAsync(doc.Department.Code, doc.FiscalYear);
        var printer = portal.Services.GetRequiredService<DisclosurePrinter>();

        var printed = await printer.PrintAsync(disclosure.Id, DisclosurePdf.WholeDocument,
            PrintedDocumentInfo.For(disclosure.DepartmentName, disclosure.FiscalYear, disclosure.Version, disclosure.PublishedAt, DisclosurePdf.WholeDocument),
            CancellationToken.None);

        Assert.Equal(1, printed.Passes);
        // The numbers the 目录 shows are where the parts start in the PDF (its named destinations).
        var starts = new PdfFile(printed.Content).NamedDestinationPages();
        var contents = await ContentsAsync(printed.Content);
        Assert.Equal(4, contents.Count);
        foreach (var (part, page) in contents) Assert.Equal(starts[part], page);
    }

    [Fact]
    public async Task AWrongGuessIsPrintedAgainWithThePagesOfThePdf()
    {
        var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var disclosure = await PublishedAsync(doc.Department.Code, doc.FiscalYear);
        var printer = portal.Services.GetRequiredService<DisclosurePrinter>();
        var browser = portal.Services.GetRequiredService<ChromiumBrowser>();
        var plain = await printer.PrintAsync(disclosure.Id, DisclosurePdf.WholeDocument,
            PrintedDocumentInfo.For(disclosure.DepartmentName, disclosure.FiscalYear, disclosure.Version, disclosure.PublishedAt, DisclosurePdf.WholeDocument),
            CancellationToken.None);
        var before = new PdfFile(plain.Content).NamedDestinationPages();

        var (pdf, passes) = await browser.WithPageAsync(async page =>
        {
            await page.GotoAsync(new Uri(portal.BaseAddress, $"/print/disclosures/{disclosure.Id}").ToString());
            // A page that exists only in print: every part after the first starts one page later than measured on screen.
            await page.EvaluateAsync("""
                () => {
                    const style = document.createElement('style');
                    style.textContent = '.print-only { display: none } @media print { .print-only { display: block; break-before: page } }';
                    document.head.appendChild(style);
                    const extra = document.createElement('p');
                    extra.className = 'print-only';
                    extra.textContent = '只在打印时出现的一页';
                    document.querySelector('#part-1').appendChild(extra);
                }
                """);
            return await printer.PrintLoadedViewAsync(page, "a view with a page only in print");
        }, CancellationToken.None);

        Assert.Equal(2, passes);
        var starts = new PdfFile(pdf).NamedDestinationPages();
        var contents = await ContentsAsync(pdf);
        Assert.Equal(4, contents.Count);
        foreach (var (part, page) in contents) Assert.Equal(starts[part], page);
        Assert.Equal(before["part-1"], starts["part-1"]);
        foreach (var part in new[] { "part-2", "part-3", "part-4" }) Assert.Equal(before[part] + 1, starts[part]);
    }
}

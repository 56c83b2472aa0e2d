using System.Net;
using BudgetPortal.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace BudgetPortal.Web.Tests.Printing;

/// <summary>
/// The sign-off (落款 and date) closes the printed document right-aligned, as on the page: it follows
/// 第四部分 rather than sitting inside it, where print.css's justified paragraphs once pulled it to the left.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PrintedSignOffTests(PortalFixture portal)
{
    [Fact]
    public async Task TheSignOffLinesEndTheLastPageRightAligned()
    {
        var seed = Repo.LoadSeed("001_a42ce23be4573852.json");
        using var response = await portal.Http.GetAsync($"/departments/{seed.Department.Code}/{seed.FiscalYear}.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = document.GetPage(document.NumberOfPages);
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        foreach (var line in new[] { seed.SignOff.Name, seed.SignOff.Text })
        {
            var wanted = string.Concat(line.Where(c => !char.IsWhiteSpace(c)));
            var text = string.Concat(letters.Select(l => l.Value));
            var at = text.LastIndexOf(wanted, StringComparison.Ordinal);
            Assert.True(at >= 0, $"“{line}” is not on the last page");
            // Letters are single characters here (CJK and digits), so the index is the letter's.
            var (first, last) = (letters[at], letters[at + wanted.Length - 1]);
            Assert.True(first.BoundingBox.Left > page.Width / 2,
                $"“{line}” starts at x = {first.BoundingBox.Left:0} of {page.Width:0}: not right-aligned");
            Assert.True(last.BoundingBox.Right > page.Width * 0.8, $"“{line}” ends at x = {last.BoundingBox.Right:0} of {page.Width:0}");
        }
    }
}

using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;

namespace BudgetPortal.Web.Pages.Disclosures;

// The 预算明细 filter is the one parameter the page reads.
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = [BudgetLinesView.QueryKey])]
public sealed class ShowModel(DisclosureReader reader) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public DisclosureView View { get; private set; } = null!;

    public string Department => Disclosure.DepartmentName;
    public int Year => Disclosure.FiscalYear;

    public async Task<IActionResult> OnGetAsync(string code, int year, [FromQuery(Name = BudgetLinesView.QueryKey)] string? lines,
        CancellationToken ct)
    {
        var disclosure = await reader.PublishedAsync(code, year, ct);
        if (disclosure is null) return NotFound();
        Disclosure = disclosure;
        View = await reader.ViewAsync(disclosure, ct, linesFilter: lines);
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }
}

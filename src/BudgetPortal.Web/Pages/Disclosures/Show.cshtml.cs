using BudgetPortal.Data;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Disclosures;

// The 预算明细 filter is the one parameter the page reads.
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = [BudgetLinesView.QueryKey])]
public sealed class ShowModel(DisclosureReader reader, BudgetDbContext db) : PageModel
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
        var pdf = await db.DisclosurePdfs.Where(p => p.DisclosureId == disclosure.Id && p.Part == DisclosurePdf.WholeDocument)
            .Select(p => new { p.Sha256, p.PrintedAt }).FirstOrDefaultAsync(ct);
        // A line-based disclosure lists its lines, named from both of the year's catalogs.
        var catalogs = disclosure.IsLineBased ? await db.YearCatalogsAsync(year, ct) : null;
        View = new DisclosureView(disclosure, await reader.GlossaryAsync(year, ct),
            DisclosureSummary.Of(disclosure, await reader.OtherYearsAsync(code, year, ct, DisclosureSummary.TablesOfOtherYears)),
            ConsistencyChecks.AsShown(disclosure),
            pdf is null ? null : (pdf.Sha256, pdf.PrintedAt),
            Catalog: catalogs?.Functional ?? await reader.FunctionalCatalogAsync(year, ct),
            Lines: catalogs is null ? null : BudgetLinesView.Of(disclosure.Lines, catalogs, (disclosure.Department.Code, year), lines));
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }
}

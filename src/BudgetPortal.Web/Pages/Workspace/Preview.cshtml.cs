using BudgetPortal.Data;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Classification;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>
/// A draft as the public page will show it once published (the same partial), for its department's
/// officers, reviewers and administrators; 404 for anyone else. Never cached, never indexed.
/// </summary>
public sealed class PreviewModel(BudgetDbContext db, DisclosureReader reader, DisclosureAccess access) : PageModel
{
    public DisclosureView View { get; private set; } = null!;
    public Disclosure Disclosure => View.Disclosure;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "private, no-store";
        var disclosure = await reader.LoadAsync(id, ct);
        if (disclosure is null || await access.ForDepartmentAsync(disclosure.DepartmentId, ct) == Right.None) return NotFound();
        // Once published, the public page is the page itself.
        if (disclosure.IsPublished) return Redirect($"/departments/{disclosure.Department.Code}/{disclosure.FiscalYear}");
        // Last year's figures as the public page will compare them: the published years, by code.
        var others = await reader.OtherYearsAsync(disclosure.Department.Code, disclosure.FiscalYear, ct);
        var catalogs = await db.YearCatalogsAsync(disclosure.FiscalYear, ct);
        View = new DisclosureView(disclosure, await reader.GlossaryAsync(disclosure.FiscalYear, ct),
            DisclosureSummary.Of(disclosure, others),
            // The checks as the review page runs them (and publishing freezes them): with the year's catalogs.
            ConsistencyChecks.Run(disclosure, catalogs), Preview: true, Catalog: catalogs.Functional,
            // A line-based draft previews its 预算明细 as the public page will show them (no filter or download before publication).
            Lines: BudgetLinesView.Of(disclosure.Lines, catalogs, published: null));
        return Page();
    }
}

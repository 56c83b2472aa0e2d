using BudgetPortal.Data;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Compliance;

/// <summary>公开情况: the years for which the finance bureau has said who must publish.</summary>
[OutputCache(PolicyName = PublishedContent.Policy)]
public sealed class IndexModel(BudgetDbContext db) : PageModel
{
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Years = await db.ExpectedDisclosures.Select(e => e.FiscalYear).Distinct().OrderByDescending(y => y).ToListAsync(ct);
}

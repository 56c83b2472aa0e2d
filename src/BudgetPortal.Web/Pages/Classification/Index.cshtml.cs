using BudgetPortal.Data;
using BudgetPortal.Web.Classification;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Classification;

/// <summary>The years with a loaded classification catalog.</summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = [])]
public sealed class IndexModel(BudgetDbContext db) : PageModel
{
    public IReadOnlyList<LoadedCatalog> Loaded { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Loaded = await db.LoadedCatalogsAsync(ct);
        PublishedContent.SetCachingHeaders(Response);
    }
}

using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Pages.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Versions;

/// <summary>
/// One published version at its own address, whole, as it was published: the disclosure page's partial,
/// marked 第 n 版 with its date and correction reason and a link to the latest version, with this version's
/// PDF. A version the year does not have is a 404 saying which versions there are.
/// </summary>
[OutputCache(PolicyName = PublishedContent.Policy)]
public sealed class ShowModel(DisclosureReader reader) : PageModel
{
    public DisclosureView View { get; private set; } = null!;
    public Disclosure Disclosure => View.Disclosure;

    public async Task<IActionResult> OnGetAsync(string code, int year, int version, CancellationToken ct)
    {
        var versions = await reader.PublishedVersionsAsync(code, year, ct);
        if (versions.FirstOrDefault(v => v.Version == version) is not { } shown || await reader.LoadAsync(shown.Id, ct) is not { } disclosure)
        {
            if (versions.Count > 0) HttpContext.Items[StatusModel.NotFoundReason] = await reader.NoSuchVersionAsync(code, year, version, ct);
            return NotFound();
        }
        View = await reader.ViewAsync(disclosure, ct, latestVersion: versions[^1].Version);
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }
}

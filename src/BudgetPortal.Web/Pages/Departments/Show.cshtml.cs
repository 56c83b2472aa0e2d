using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;

namespace BudgetPortal.Web.Pages.Departments;

[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = [])]
public sealed class ShowModel(DisclosureReader reader) : PageModel
{
    public Department Department { get; private set; } = null!;
    public IReadOnlyList<YearSummary> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var department = await reader.DepartmentAsync(code, ct);
        if (department is null) return NotFound();
        Department = department;
        Years = (await reader.DepartmentsAsync(code, ct)).SingleOrDefault()?.Years ?? [];
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }
}

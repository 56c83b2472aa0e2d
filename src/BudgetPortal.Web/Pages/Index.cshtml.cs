using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages;

public sealed class IndexModel(DisclosureReader reader) : PageModel
{
    public IReadOnlyList<DepartmentSummary> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Departments = await reader.DepartmentsAsync(ct);
}

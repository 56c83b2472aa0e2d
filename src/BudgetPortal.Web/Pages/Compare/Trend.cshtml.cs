using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Comparisons;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Compare;

/// <summary>A department over time: the same table across all its published years, with changes.</summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["table"])]
public sealed class TrendModel(DisclosureReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "table")] public int Table { get; set; } = 3;

    public Department Department { get; private set; } = null!;
    public TableComparison Comparison { get; private set; } = null!;
    public int YearCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Table is < 1 or > 11) Table = 3;
        if (await reader.DepartmentAsync(Code, ct) is not { } department) return NotFound();
        Department = department;
        var years = await reader.OtherYearsAsync(Code, 0, ct);
        if (years.Count == 0) return NotFound();
        YearCount = years.Count;
        Comparison = TableComparison.Of((TableKind)Table, years.Select(d => ($"{d.FiscalYear} 年", d)).ToList(), overTime: true);
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }
}

using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Comparisons;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Compare;

/// <summary>Two or more departments of one year, one table side by side.</summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["d", "table"])]
public sealed class TablesModel(DisclosureReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "d")] public List<string> Departments { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "table")] public int Table { get; set; } = 3;

    public TableComparison? Comparison { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Table is < 1 or > 11) Table = 3;
        var picked = new List<(string, Disclosure)>();
        foreach (var code in Departments.Distinct().Take(10))
            if (await reader.PublishedAsync(code, Year, ct) is { } d) picked.Add((d.DepartmentName, d));
        if (picked.Count < 2)
            Problem = "请在比较页勾选至少两个有本年度已发布预算公开的部门。";
        else
            Comparison = TableComparison.Of((TableKind)Table, picked, overTime: false);
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }
}

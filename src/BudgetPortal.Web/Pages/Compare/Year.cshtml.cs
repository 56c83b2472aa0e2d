using BudgetPortal.Data;
using BudgetPortal.Web.Comparisons;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Compare;

/// <summary>Departments in one year: a ranking with sorting, and a choice of departments to compare table by table.</summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["sort", "dir"])]
public sealed class YearModel(BudgetDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = "total";
    [BindProperty(SupportsGet = true, Name = "dir")] public string Direction { get; set; } = "desc";

    public IReadOnlyList<RankingRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var rows = await RankingRow.ForYearAsync(db, Year, ct);
        if (rows.Count == 0) return NotFound();
        var column = RankingRow.Columns.FirstOrDefault(c => c.Key == Sort);
        if (column.Key is null) { Sort = "total"; column = RankingRow.Columns[0]; }
        var asc = Direction == "asc";
        Rows = (asc ? rows.OrderBy(r => column.Value(r) ?? decimal.MinValue) : rows.OrderByDescending(r => column.Value(r) ?? decimal.MinValue))
            .ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }

    public string SortLink(string key) =>
        $"/compare/{Year}?sort={key}&dir={(Sort == key && Direction != "asc" ? "asc" : "desc")}";
}

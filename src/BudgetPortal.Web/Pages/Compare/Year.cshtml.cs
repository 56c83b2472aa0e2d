using BudgetPortal.Data;
using BudgetPortal.Web.Comparisons;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Compare;

/// <summary>Departments in one year: a ranking with sorting, and a choice of departments to compare table by table.</summary>
[OutputCache(PolicyName = PublishedContent.Policy)]
public sealed class YearModel(BudgetDbContext db, DisclosureReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = "total";
    [BindProperty(SupportsGet = true, Name = "dir")] public string Direction { get; set; } = "desc";

    public IReadOnlyList<RankingRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var ids = await DownloadEndpoints.LatestPublishedIdsAsync(db, Year, ct);
        if (ids.Count == 0) return NotFound();
        var rows = new List<RankingRow>();
        foreach (var id in ids)
            if (await reader.LoadAsync(id, ct) is { } d) rows.Add(RankingRow.Of(d));
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

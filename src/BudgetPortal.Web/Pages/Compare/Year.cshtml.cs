using BudgetPortal.Data;
using BudgetPortal.Web.Comparisons;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Compare;

/// <summary>Departments in one year: a ranking with sorting, and a choice of departments to compare table by table.</summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["sort", "dir", "after"])]
public sealed class YearModel(BudgetDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = "total";
    [BindProperty(SupportsGet = true, Name = "dir")] public string Direction { get; set; } = "desc";
    /// <summary>The page after this position (RankingCursor), else the first.</summary>
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }

    /// <summary>The next page's link, null on the last page.</summary>
    public string? NextLink { get; private set; }
    public bool IsFirstPage => After is null;

    public IReadOnlyList<RankingRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (RankingRow.Columns.All(c => c.Key != Sort)) Sort = "total";
        var asc = Direction == "asc";
        var after = RankingCursor.Decode(After);
        if (After is not null && after is null)
            return BadRequest("分页参数 after 无效：只能是本站“下一页”链接给出的位置。");
        var rows = await RankingRow.PageAsync(db, Year, Sort, asc, after, ct);
        if (rows.Count == 0)
            return after is null ? NotFound() : BadRequest("分页参数 after 之后没有更多部门。");
        Rows = rows.Take(RankingRow.PageSize).ToList();
        if (rows.Count > RankingRow.PageSize)
        {
            var last = Rows[^1];
            NextLink = SortLink(Sort, keep: true) + "&after=" + new RankingCursor(RankingRow.SortValue(last, Sort), last.Name, last.DisclosureId).Encode();
        }
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }

    /// <summary>The first page sorted by a column: the other direction when it is already the sort, unless <paramref name="keep"/>.</summary>
    public string SortLink(string key, bool keep = false) =>
        $"/compare/{Year}?sort={key}&dir={(keep ? (Direction == "asc" ? "asc" : "desc") : Sort == key && Direction != "asc" ? "asc" : "desc")}";
}

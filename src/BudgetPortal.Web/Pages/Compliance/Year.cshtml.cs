using BudgetPortal.Data;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Web.Compliance;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Compliance;

/// <summary>
/// 公开情况 (issue 17): for a fiscal year, every department the finance bureau expects to publish, whether
/// and when it did, how complete it is and what its frozen checks found; totals per 主管部门 and for the
/// region; filtered and sorted by the query string (works without JavaScript); 100 departments a page.
/// </summary>
// Cached under the 公开情况 tags (PublishedContent.TagsOf): evicted by a publication of the year and by the reviewers' forms.
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["parent", "status", "sort", "dir", "page"])]
public sealed class YearModel(BudgetDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "parent")] public string? Parent { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "dir")] public string? Direction { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public ComplianceReport Report { get; private set; } = null!;
    public ComplianceQuery Query { get; private set; } = new();
    public IReadOnlyList<ComplianceRow> Selected { get; private set; } = [];
    public IReadOnlyList<ComplianceRow> Shown { get; private set; } = [];
    public int Pages => Math.Max(1, (Selected.Count + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ComplianceReport.LoadAsync(db, Year, ComplianceReport.Today, ct) is not { } report) return NotFound();
        Report = report;
        Query = ComplianceFiles.Query(Parent, Status, Sort, Direction);
        Selected = report.Select(Query);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Shown = Selected.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>This page's address with some of its parameters changed (null drops one).</summary>
    public string Link(string? parent = "", string? status = "", string? sort = "", string? dir = "", int page = 1, string suffix = "")
    {
        var q = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) q.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("parent", parent == "" ? Query.Parent : parent);
        Add("status", status == "" ? Query.Status?.ToString() : status);
        Add("sort", sort == "" ? (Query.Sort == "parent" ? null : Query.Sort) : sort);
        Add("dir", dir == "" ? (Query.Descending ? "desc" : null) : dir);
        if (page > 1) q.Add($"page={page}");
        return $"/compliance/{Year}{suffix}" + (q.Count > 0 ? "?" + string.Join("&", q) : "");
    }

    /// <summary>Sorting by a column: the other direction when it is the sort already.</summary>
    public string SortLink(string key) => Link(sort: key, dir: Query.Sort == key && !Query.Descending ? "desc" : null);
}

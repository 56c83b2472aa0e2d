using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;

namespace BudgetPortal.Web.Pages;

[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["q", "year", "category", "after", "before", "page"])]
public sealed class IndexModel(DisclosureSearch search, PublicLists lists) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "year")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    /// <summary>The page after or before a position (SearchCursor), or page=last.</summary>
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }
    [BindProperty(SupportsGet = true, Name = "before")] public string? Before { get; set; }
    /// <summary>page=last (read from the query: "page" is also Razor Pages' own route value).</summary>
    public string? PageName => Request.Query["page"].FirstOrDefault();
    /// <summary>Why the paging parameters were not understood (the first page is shown instead).</summary>
    public string? PagingProblem { get; private set; }

    public SearchPage Results { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public DateTimeOffset? LastPublished { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Text) || Year is not null || !string.IsNullOrWhiteSpace(Category);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var after = SearchCursor.Decode(After);
        var before = SearchCursor.Decode(Before);
        if ((After is not null && after is null) || (Before is not null && before is null) || (after is not null && before is not null)
            || (PageName is not null && PageName != "last"))
        {
            PagingProblem = "分页参数无效（after、before 只能是本站分页链接给出的位置，page 只能是 last），下面显示的是第一页。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            after = before = null;
        }
        Results = await search.SearchAsync(new SearchQuery(Text, Year, Category, after, before, PagingProblem is null && PageName == "last"), ct);
        var reference = await lists.GetAsync(ct);
        (Years, Categories, LastPublished) = (reference.Years, reference.Categories, reference.LastPublished);
        PublishedContent.SetCachingHeaders(Response);
    }

    /// <summary>The link to another page of the same search: "after=…", "before=…", "page=last" or none (the first).</summary>
    public string PageLink(string? paging = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Text)) query.Add("q=" + Uri.EscapeDataString(Text));
        if (Year is { } y) query.Add($"year={y}");
        if (!string.IsNullOrWhiteSpace(Category)) query.Add("category=" + Uri.EscapeDataString(Category));
        if (paging is not null) query.Add(paging);
        return "/" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}

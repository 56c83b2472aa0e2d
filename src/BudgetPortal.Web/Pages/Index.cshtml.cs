using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;

namespace BudgetPortal.Web.Pages;

[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["q", "year", "category", "page"])]
public sealed class IndexModel(DisclosureSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "year")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public SearchPage Results { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public DateTimeOffset? LastPublished { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Text) || Year is not null || !string.IsNullOrWhiteSpace(Category);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await search.SearchAsync(new SearchQuery(Text, Year, Category, PageNumber), ct);
        Years = await search.YearsAsync(ct);
        Categories = await search.CategoriesAsync(ct);
        LastPublished = await search.LastPublishedAsync(ct);
        PublishedContent.SetCachingHeaders(Response);
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Text)) query.Add("q=" + Uri.EscapeDataString(Text));
        if (Year is { } y) query.Add($"year={y}");
        if (!string.IsNullOrWhiteSpace(Category)) query.Add("category=" + Uri.EscapeDataString(Category));
        if (page > 1) query.Add($"page={page}");
        return "/" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}

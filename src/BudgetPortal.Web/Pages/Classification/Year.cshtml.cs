using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Classification;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Classification;

/// <summary>One scheme's catalog of the year as the page shows it: the rows shown (filtered, with their 类 and 款), and the change from the previous catalog.</summary>
public sealed record CatalogSection(ClassificationScheme Scheme, int Count, IReadOnlyList<CatalogItem> Shown, IReadOnlySet<string> Matches,
    int? PreviousYear, CatalogChange? Change)
{
    /// <summary>The year has no catalog of this scheme (the officers' codes are then read against <see cref="PreviousYear"/>'s).</summary>
    public bool Missing => Count == 0;
}

/// <summary>
/// A year's 功能分类 and 经济分类 catalogs as an indented tree of 类/款/项, filtered by ?q= (a code or
/// part of a name) on the server, with what changed from the previous year. Reference data only: no
/// query here touches the disclosures.
/// </summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["q"])]
public sealed class YearModel(BudgetDbContext db) : PageModel
{
    public const int MaxQueryLength = 50;

    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CatalogSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var loaded = await db.LoadedCatalogsAsync(ct);
        if (!loaded.Any(c => c.Year == Year)) return NotFound();
        Years = loaded.Select(c => c.Year).Distinct().Order().ToList();
        Query = Query?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, MaxQueryLength)] : null;

        var sections = new List<CatalogSection>();
        foreach (var scheme in ClassificationSchemes.All)
        {
            var items = await db.CatalogItemsAsync(scheme, Year, ct);
            var previousYear = loaded.Where(c => c.Scheme == scheme && c.Year < Year).Select(c => (int?)c.Year).Max();
            if (items.Count == 0)
            {
                sections.Add(new CatalogSection(scheme, 0, [], new HashSet<string>(), previousYear, null));
                continue;
            }
            var change = previousYear is { } p ? CatalogChange.Between(await db.CatalogItemsAsync(scheme, p, ct), items) : null;
            var matches = Query is null ? items.Select(i => i.Code).ToHashSet() : items.Where(i => Matches(i, Query)).Select(i => i.Code).ToHashSet();
            // A match is shown under its 类 and 款, so the tree keeps its shape.
            var ancestors = matches.SelectMany(m => new[] { m[..3], m.Length > 5 ? m[..5] : m[..3] }).ToHashSet();
            var shown = items.Where(i => matches.Contains(i.Code) || ancestors.Contains(i.Code)).ToList();
            sections.Add(new CatalogSection(scheme, items.Count, shown, matches, previousYear, change));
        }
        Sections = sections;
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }

    /// <summary>A code typed in any of its forms (201, 20113, 201 13 50, 201-13) matches codes starting with it; other text matches names containing it.</summary>
    public static bool Matches(CatalogItem item, string query)
    {
        var digits = new string(query.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '.')).ToArray());
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? item.Code.StartsWith(digits, StringComparison.Ordinal)
            : item.Name.Contains(query, StringComparison.Ordinal);
    }

    public string YearLink(int year) => $"/classification/{year}{(Query is null ? "" : "?q=" + Uri.EscapeDataString(Query))}";
}

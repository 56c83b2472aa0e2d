using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Versions;

/// <summary>版本历史: every published version of a year with its date and reason, and what each correction changed.</summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["v"])]
public sealed class IndexModel(DisclosureReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    /// <summary>The version whose changes are shown (against the one before); the latest by default.</summary>
    [BindProperty(SupportsGet = true, Name = "v")] public int? Shown { get; set; }

    public Department Department { get; private set; } = null!;
    public string DepartmentName { get; private set; } = "";
    public IReadOnlyList<PublishedVersion> Versions { get; private set; } = [];
    public PublishedVersion? Current { get; private set; }
    public VersionDiff? Diff { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await reader.DepartmentAsync(Code, ct) is not { } department) return NotFound();
        Department = department;
        Versions = await reader.PublishedVersionsAsync(Code, Year, ct);
        if (Versions.Count == 0) return NotFound();
        Current = Shown is { } v ? Versions.FirstOrDefault(x => x.Version == v) : Versions[^1];
        if (Current is null) return NotFound();
        var latest = await reader.LoadAsync(Versions[^1].Id, ct);
        DepartmentName = latest?.DepartmentName ?? department.Name;
        var index = Versions.ToList().IndexOf(Current);
        if (index > 0 && await reader.LoadAsync(Versions[index - 1].Id, ct) is { } before && await reader.LoadAsync(Current.Id, ct) is { } after)
            Diff = VersionDiff.Between(before, after);
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }

    public static string Date(DateTimeOffset? at) => at?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy 年 M 月 d 日") ?? "";
}

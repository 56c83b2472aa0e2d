using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;

namespace BudgetPortal.Web.Pages.Disclosures;

// ?v=n: the checks of version n as it was published (a version's own page links them), else the latest's.
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["v"])]
public sealed class ChecksModel(DisclosureReader reader) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public CheckReport Report { get; private set; } = null!;
    public IReadOnlyList<SentenceDifference> NoteDifferences { get; private set; } = [];
    public string PriorSource { get; private set; } = "";

    /// <summary>The version asked for (?v=n), or null for the latest.</summary>
    public int? Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int year, [FromQuery(Name = "v")] int? version, CancellationToken ct)
    {
        var disclosure = version is { } n ? await reader.PublishedVersionAsync(code, year, n, ct) : await reader.PublishedAsync(code, year, ct);
        if (disclosure is null)
        {
            if (version is { } asked) HttpContext.Items[Errors.StatusModel.NotFoundReason] = await reader.NoSuchVersionAsync(code, year, asked, ct);
            return NotFound();
        }
        Version = version;
        Disclosure = disclosure;
        Report = ConsistencyChecks.AsShown(disclosure);
        // The notes as the figures would write them, against the published text, sentence by sentence.
        var prior = await reader.PublishedAsync(code, year - 1, ct);
        PriorSource = prior is null ? "本年情况说明所列的比上年增减额" : $"{prior.FiscalYear} 年已发布的部门预算公开";
        disclosure.NameCategoriesFrom(await reader.FunctionalCatalogAsync(year, ct));
        NoteDifferences = NoteComparison.Compare(disclosure, NoteDrafter.Draft(disclosure, PriorYearFigures.For(disclosure, prior)));
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }

    public static string Label(Severity? worst) => worst switch
    {
        null => "通过",
        Severity.Error => "错误",
        Severity.Warning => "提示",
        Severity.Rounding => "舍入差异",
        _ => "",
    };

    public static string Css(Severity? worst) => worst switch
    {
        null => "pass",
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "rounding",
    };
}

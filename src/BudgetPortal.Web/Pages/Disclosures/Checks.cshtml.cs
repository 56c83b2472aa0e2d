using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;

namespace BudgetPortal.Web.Pages.Disclosures;

[OutputCache(PolicyName = PublishedContent.Policy)]
public sealed class ChecksModel(DisclosureReader reader) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public CheckReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int year, CancellationToken ct)
    {
        var disclosure = await reader.PublishedAsync(code, year, ct);
        if (disclosure is null) return NotFound();
        Disclosure = disclosure;
        Report = ConsistencyChecks.Run(disclosure);
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

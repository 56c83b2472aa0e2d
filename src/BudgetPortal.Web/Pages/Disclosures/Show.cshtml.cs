using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Disclosures;

[OutputCache(PolicyName = PublishedContent.Policy)]
public sealed class ShowModel(DisclosureReader reader, BudgetPortal.Data.BudgetDbContext db) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public IReadOnlyList<GlossaryEntry> Glossary { get; private set; } = [];
    public IReadOnlyList<PrintedTable> Tables { get; private set; } = [];
    /// <summary>The stored official PDF of this version (hash and print time), once it has been printed.</summary>
    public (string Sha256, DateTimeOffset PrintedAt)? Pdf { get; private set; }
    public CheckReport Checks { get; private set; } = null!;
    public DisclosureSummary Summary { get; private set; } = null!;

    public string Department => Disclosure.DepartmentName;
    public int Year => Disclosure.FiscalYear;

    public async Task<IActionResult> OnGetAsync(string code, int year, CancellationToken ct)
    {
        var disclosure = await reader.PublishedAsync(code, year, ct);
        if (disclosure is null) return NotFound();
        Disclosure = disclosure;
        Glossary = await reader.GlossaryAsync(year, ct);
        Checks = disclosure.FrozenChecks ?? ConsistencyChecks.Run(disclosure);
        Summary = DisclosureSummary.Of(disclosure, await reader.OtherYearsAsync(code, year, ct));
        var pdf = await db.DisclosurePdfs.Where(p => p.DisclosureId == disclosure.Id && p.Part == DisclosurePdf.WholeDocument)
            .Select(p => new { p.Sha256, p.PrintedAt }).FirstOrDefaultAsync(ct);
        Pdf = pdf is null ? null : (pdf.Sha256, pdf.PrintedAt);
        Tables = TableSchemas.All.Select(k => PrintedTable.Build(disclosure.Table(k), year, disclosure.DepartmentName)).ToList();
        PublishedContent.SetCachingHeaders(Response);
        return Page();
    }

    public static string NoteAnchor(string key) => "note-" + key.Replace('.', '-');
}

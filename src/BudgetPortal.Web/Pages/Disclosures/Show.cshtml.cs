using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Disclosures;

public sealed class ShowModel(DisclosureReader reader) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public IReadOnlyList<GlossaryEntry> Glossary { get; private set; } = [];
    public IReadOnlyList<PrintedTable> Tables { get; private set; } = [];

    public string Department => Disclosure.DepartmentName;
    public int Year => Disclosure.FiscalYear;

    public async Task<IActionResult> OnGetAsync(string code, int year, CancellationToken ct)
    {
        var disclosure = await reader.PublishedAsync(code, year, ct);
        if (disclosure is null) return NotFound();
        Disclosure = disclosure;
        Glossary = await reader.GlossaryAsync(year, ct);
        Tables = TableSchemas.All.Select(k => PrintedTable.Build(disclosure.Table(k), year, disclosure.DepartmentName)).ToList();
        return Page();
    }

    public static string NoteAnchor(string key) => "note-" + key.Replace('.', '-');
}

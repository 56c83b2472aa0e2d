using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Print;

/// <summary>
/// The print view Chromium turns into the official PDF: the same partials and PrintedTable grid as
/// the disclosure page, laid out for A4 by print.css. Only published versions are printed.
/// </summary>
public sealed class DisclosureModel(DisclosureReader reader) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public IReadOnlyList<GlossaryEntry> Glossary { get; private set; } = [];
    public IReadOnlyList<PrintedTable> Tables { get; private set; } = [];
    /// <summary>Set when printing one table alone.</summary>
    public int? TableNumber { get; private set; }

    public string Department => Disclosure.DepartmentName;
    public int Year => Disclosure.FiscalYear;

    public async Task<IActionResult> OnGetAsync(int id, int? table, CancellationToken ct)
    {
        var disclosure = await reader.LoadAsync(id, ct);
        if (disclosure is not { IsPublished: true }) return NotFound();
        if (table is not null && !TableSchemas.All.Contains((TableKind)table.Value)) return NotFound();
        Disclosure = disclosure;
        TableNumber = table;
        Glossary = await reader.GlossaryAsync(disclosure.FiscalYear, ct);
        Tables = TableSchemas.All
            .Where(k => table is null || (int)k == table)
            .Select(k => PrintedTable.Build(disclosure.Table(k), disclosure.FiscalYear, disclosure.DepartmentName)).ToList();
        return Page();
    }

    public static string NoteAnchor(string key) => "note-" + key.Replace('.', '-');
}

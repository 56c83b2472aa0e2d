using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using BudgetPortal.Web.Printing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Print;

/// <summary>
/// The print view Chromium turns into the official PDF: the same partials and PrintedTable grid as
/// the disclosure page, laid out for A4 by print.css. Published versions are printed, and a
/// published version never changes, so the rendered view is kept in the output cache. A draft is
/// printed for review only with a token from <see cref="DraftPrintTokens"/> (?draft=…): 草稿 in the
/// title and every footer, and never cached.
/// </summary>
[OutputCache(PolicyName = PublishedContent.Policy, VaryByQueryKeys = ["table", "draft"])]
public sealed class DisclosureModel(DisclosureReader reader, DraftPrintTokens drafts) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public IReadOnlyList<GlossaryEntry> Glossary { get; private set; } = [];
    public IReadOnlyList<PrintedTable> Tables { get; private set; } = [];
    /// <summary>Set when printing one table alone.</summary>
    public int? TableNumber { get; private set; }
    /// <summary>What the footer of every page says.</summary>
    public PrintedDocumentInfo Info { get; private set; } = null!;

    public string Department => Disclosure.DepartmentName;
    public int Year => Disclosure.FiscalYear;

    public async Task<IActionResult> OnGetAsync(int id, int? table, string? draft, CancellationToken ct)
    {
        // A draft view only with a token issued for this version: nothing is loaded for any other.
        if (draft is not null && !drafts.Admits(draft, id)) return NotFound();
        var disclosure = await reader.LoadAsync(id, ct);
        if (disclosure is null) return NotFound();
        if (table is not null && !TableSchemas.All.Contains((TableKind)table.Value)) return NotFound();
        if (draft is not null)
        {
            // A draft's view is for the one print it was issued for: never stored, never served from the cache.
            if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
            Response.Headers.CacheControl = "no-store";
            if (disclosure.IsPublished || table is not null || !drafts.Admits(draft, id)) return NotFound();
            Info = PrintedDocumentInfo.ForDraft(disclosure.DepartmentName, disclosure.FiscalYear, disclosure.Version);
        }
        else if (!disclosure.IsPublished) return NotFound();
        else
            Info = PrintedDocumentInfo.For(disclosure.DepartmentName, disclosure.FiscalYear, disclosure.Version, disclosure.PublishedAt,
                table ?? DisclosurePdf.WholeDocument);
        Disclosure = disclosure;
        TableNumber = table;
        Glossary = await reader.GlossaryAsync(disclosure.FiscalYear, ct);
        var catalog = await reader.FunctionalCatalogAsync(disclosure.FiscalYear, ct);
        Tables = TableSchemas.All
            .Where(k => table is null || (int)k == table)
            .Select(k => PrintedTable.Build(disclosure.Table(k), disclosure.FiscalYear, disclosure.DepartmentName, catalog)).ToList();
        return Page();
    }

    /// <summary>The four parts and the sign-off, as the disclosure page shows them (no download links on paper).</summary>
    public DisclosureParts Parts => new(Disclosure, Tables, Glossary);

    /// <summary>Text as a CSS string literal, safe inside a style element.</summary>
    public static string CssString(string text)
    {
        var b = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\' or '<' or '>' or '&' || char.IsControl(c)) b.Append('\\').Append(((int)c).ToString("X", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
            else b.Append(c);
        }
        return b.Append('"').ToString();
    }
}

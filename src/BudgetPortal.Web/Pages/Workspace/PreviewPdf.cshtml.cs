using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Printing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>
/// A draft printed as the official PDF will be, 草稿 in its title and every page's footer: printed
/// afresh on each request (within the print's time limit), never stored, never hashed, never
/// cached. Who may preview the draft may print it; anyone else gets 404.
/// </summary>
public sealed class PreviewPdfModel(DisclosureReader reader, DisclosureAccess access, DisclosurePrinter printer, ILogger<PreviewPdfModel> logger) : PageModel
{
    /// <summary>Why the print failed, shown on the page (503).</summary>
    public string? Failure { get; private set; }
    public int Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "private, no-store";
        Id = id;
        var disclosure = await reader.LoadAsync(id, ct);
        if (disclosure is null || await access.ForDepartmentAsync(disclosure.DepartmentId, ct) == Right.None) return NotFound();
        var code = disclosure.Department.Code;
        if (disclosure.IsPublished) return Redirect($"/departments/{code}/{disclosure.FiscalYear}.pdf");
        var info = PrintedDocumentInfo.ForDraft(disclosure.DepartmentName, disclosure.FiscalYear, disclosure.Version);
        PrintedPdf printed;
        try
        {
            printed = await printer.PrintDraftAsync(id, info, ct);
        }
        catch (PrintFailedException e)
        {
            logger.LogError(e, "Printing the draft PDF of disclosure {DisclosureId} failed", id);
            Failure = e.Message;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "30";
            return Page();
        }
        DownloadEndpoints.Attachment(HttpContext, $"{disclosure.DepartmentName}{disclosure.FiscalYear}年部门预算公开（草稿第{disclosure.Version}版）.pdf",
            $"{code}-{disclosure.FiscalYear}-v{disclosure.Version}-draft.pdf");
        return File(printed.Content, "application/pdf");
    }
}

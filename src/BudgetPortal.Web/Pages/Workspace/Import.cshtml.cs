using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Import;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Import;
using BudgetPortal.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>
/// Bring a published disclosure in from its PDF or extracted text (docs/decisions/0006): reviewers
/// and administrators upload it, the import report says what was read, inferred and not read, and
/// the disclosure is stored as a draft in one transaction — with the parts that could not be read left
/// empty and listed, for an officer to complete. Only a file that is not a disclosure is refused.
/// Nothing is published by an import.
/// </summary>
[UploadEndpoint(UploadKind.Import)]
public sealed class ImportModel(BudgetDbContext db, DisclosureAccess access, DraftStore drafts, IOptions<UploadLimits> limits) : PageModel
{
    [BindProperty] public string? Code { get; set; }

    public ImportReport? Report { get; private set; }
    public ImportResult? Result { get; private set; }
    public StoredDraft? Stored { get; private set; }
    public int? DraftId { get; private set; }

    public IActionResult OnGet() => access.IsReviewer ? Page() : StatusCode(StatusCodes.Status403Forbidden);

    public async Task<IActionResult> OnPostAsync(IFormFile? document, CancellationToken ct)
    {
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        var extension = Path.GetExtension(document?.FileName ?? "").ToLowerInvariant();
        if (document is null || document.Length == 0)
            ModelState.AddModelError("document", "请选择要导入的公开文件（PDF，或从 PDF 提取的文本 .txt）。");
        else if (document.Length > limits.Value.ImportBytes)
            ModelState.AddModelError("document", $"文件过大（{UploadLimits.Megabytes(document.Length)}），上限为 {UploadLimits.Megabytes(limits.Value.ImportBytes)}。");
        else if (extension is not (".pdf" or ".txt"))
            ModelState.AddModelError("document", $"不能导入“{UploadedFileName.Display(document.FileName)}”：只接受 .pdf 或 .txt 文件。");
        if (!string.IsNullOrWhiteSpace(Code) && !Domain.Disclosures.Department.IsValidCode(Code.Trim()))
            ModelState.AddModelError(nameof(Code), "部门代码只能用小写字母、数字和连字符，长度 2–32。");
        if (!ModelState.IsValid) return Page();

        // pdftotext reads a file: keep the upload in a temporary one under its own name.
        var folder = Directory.CreateTempSubdirectory("budgetportal-import-");
        try
        {
            // The name a person gave the file (any length, any characters) only names the source: shortened to what a file system takes.
            var file = Path.Combine(folder.FullName, UploadedFileName.ForDisk(document!.FileName));
            await using (var target = System.IO.File.Create(file))
                await document.CopyToAsync(target, ct);
            var code = string.IsNullOrWhiteSpace(Code) ? null : Code.Trim();
            var (result, _) = await ImportCommand.ImportFileAsync(file, await CatalogAsync(ct), code, limits.Value, doc => drafts.PreviousAsync(doc, code, ct));
            Report = result.Report;
            Result = result;
            if (result.Document is null) return Page();

            try
            {
                Stored = await drafts.SaveAsync(result.Document, string.IsNullOrWhiteSpace(Code) ? null : Code.Trim(), ct,
                    (User.Identity?.Name ?? "anonymous", ImportGaps.Detail(UploadedFileName.Display(document.FileName), result)));
            }
            catch (Exception e) when (e is DomainException or DbUpdateException)
            {
                ModelState.AddModelError(string.Empty, $"导入的内容没有保存：{e.Message}");
                return Page();
            }
            DraftId = Stored.Id;
            return Page();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The classification catalogs in the database, which the import checks codes against.</summary>
    private async Task<ImportCatalog> CatalogAsync(CancellationToken ct)
    {
        var catalog = new ImportCatalog();
        foreach (var c in await db.ClassificationCodes.AsNoTracking().ToListAsync(ct))
            catalog.Add(c.Scheme, c.Year, c.Code, c.Name);
        return catalog;
    }
}

using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Uploads;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>Fills a draft's eleven tables from a workbook in the download's layout; all or nothing.</summary>
[UploadEndpoint(UploadKind.Workbook)]
public sealed class UploadModel(BudgetDbContext db, DisclosureAccess access, AuditTrail audit, IOptions<UploadLimits> limits) : PageModel
{
    public Disclosure Disclosure { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, IFormFile? workbook, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!DraftEditor.AreTablesEditable(Disclosure, ModelState)) return Page();
        if (workbook is null || workbook.Length == 0)
            ModelState.AddModelError("workbook", "请选择要上传的 Excel 工作簿（.xlsx）。");
        else if (workbook.Length > limits.Value.WorkbookBytes)
            ModelState.AddModelError("workbook", $"文件过大（{workbook.Length / 1024} KB），上限为 {UploadLimits.Megabytes(limits.Value.WorkbookBytes)}。");
        if (!ModelState.IsValid) return Page();

        await using var stream = new MemoryStream();
        await workbook!.CopyToAsync(stream, ct);
        stream.Position = 0;
        var result = WorkbookUpload.Read(stream, limits.Value.UnpackedBytes, Disclosure.FiscalYear, Disclosure.DepartmentName,
            await db.CatalogAsync(ClassificationScheme.Functional, Disclosure.FiscalYear, ct),
            await db.CatalogAsync(ClassificationScheme.Economic, Disclosure.FiscalYear, ct));
        if (result.Errors.Count > 0)
        {
            Problems = result.Errors;
            ModelState.AddModelError("workbook", $"工作簿有 {result.Errors.Count} 处问题，未保存任何内容。");
            return Page();
        }
        try
        {
            Disclosure.SetTables(result.Tables, await db.ClassificationCatalogAsync(BudgetPortal.Domain.Classification.ClassificationScheme.Functional, Disclosure.FiscalYear, ct));
            audit.Record(AuditAction.Upload, id, $"上传 Excel 工作簿“{UploadedFileName.Display(workbook.FileName)}”，填入十一张表");
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        TempData["Message"] = "已从工作簿填入十一张表。";
        return Redirect($"/workspace/disclosures/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var disclosure = await db.CompleteAsync(id, ct);
        if (disclosure is null) return NotFound();
        if (await access.RefusalToEditAsync(disclosure, ct) is { } refused) return StatusCode(refused);
        Disclosure = disclosure;
        return null;
    }
}

using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Classification;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace BudgetPortal.Web.Pages.Admin;

/// <summary>
/// Loading the finance ministry's yearly 功能分类 / 经济分类 catalog: the administrator uploads the file,
/// sees every bad line (nothing stored) or a preview of what changes against the year's catalog and the
/// previous year's, and 确认导入 replaces the year's catalog in one transaction, audited.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = (int)MaxRequestBytes)]
[UploadEndpoint(UploadKind.Catalog)]
public sealed class ClassificationModel(BudgetDbContext db, AuditTrail audit, IOutputCacheStore cache) : PageModel
{
    /// <summary>The file (5 MB) or the previewed codes carried to the confirmation, with room for the form.</summary>
    public const long MaxRequestBytes = CatalogFile.MaxBytes + 2 * 1024 * 1024;
    public const int MinYear = 2000, MaxYear = 2100;
    /// <summary>Bad lines shown at most (the count says how many more).</summary>
    public const int ShownErrors = 200;

    public sealed class InputModel
    {
        public int? Year { get; set; }
        public ClassificationScheme Scheme { get; set; } = ClassificationScheme.Functional;
        /// <summary>The previewed codes (编码 Tab 名称 per line), carried to the confirmation.</summary>
        public string? Text { get; set; }
        public string? Fingerprint { get; set; }
        public string? FileName { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<LoadedCatalog> Loaded { get; private set; } = [];
    public IReadOnlyList<string> LineErrors { get; private set; } = [];
    public CatalogPreview? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Loaded = await db.LoadedCatalogsAsync(ct);
        Input.Year = Loaded.Count == 0 ? DateTime.UtcNow.Year + 1 : Loaded.Max(c => c.Year) + 1;
    }

    /// <summary>Upload: read and check the file, then show the preview (nothing is stored).</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        Loaded = await db.LoadedCatalogsAsync(ct);
        ValidateYearAndScheme();
        if (file is null || file.Length == 0)
            ModelState.AddModelError("file", "请选择财政部发布的分类科目文件（.csv 或 .xlsx）。");
        else if (file.Length > CatalogFile.MaxBytes)
            ModelState.AddModelError("file", $"文件“{file.FileName}”有 {file.Length / 1024.0 / 1024.0:0.0} MB，超过 {CatalogFile.MaxBytes / 1024 / 1024} MB 的上限。");
        if (!ModelState.IsValid) return Page();

        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        var sheet = CatalogFile.Read(Input.Scheme, file.FileName, buffer.ToArray());
        Input.FileName = Path.GetFileName(file.FileName);
        return await PreviewOrErrorsAsync(sheet, ct);
    }

    /// <summary>确认导入: the previewed codes replace the year's catalog, if it is still the one previewed.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        Loaded = await db.LoadedCatalogsAsync(ct);
        ValidateYearAndScheme();
        if (string.IsNullOrWhiteSpace(Input.Text) || string.IsNullOrWhiteSpace(Input.Fingerprint))
            ModelState.AddModelError(string.Empty, "没有要导入的目录：请先上传文件并预览。");
        if (!ModelState.IsValid) return Page();

        var sheet = CatalogSheet.FromText(Input.Scheme, Input.Text!);
        if (!sheet.IsValid) return await PreviewOrErrorsAsync(sheet, ct);
        var year = Input.Year!.Value;
        if (!await db.ReplaceCatalogAsync(audit, Input.Scheme, year, sheet, Input.Fingerprint!, ct))
        {
            ModelState.AddModelError(string.Empty, $"{year} 年{Input.Scheme.Label()}目录在预览之后已被他人修改，没有导入。下面是按现在的目录重新计算的变化，请核对后再确认。");
            return await PreviewOrErrorsAsync(sheet, ct);
        }
        // The public catalog pages and the code picker's answers come from the output cache.
        await PublishedContent.EverythingChangedAsync(cache, ct);
        TempData["Message"] = $"已导入 {year} 年{Input.Scheme.Label()}目录，共 {sheet.Lines.Count} 个科目。";
        TempData["Year"] = year;
        return Redirect("/admin/classification");
    }

    private async Task<IActionResult> PreviewOrErrorsAsync(CatalogSheet sheet, CancellationToken ct)
    {
        if (!sheet.IsValid)
        {
            LineErrors = sheet.Errors;
            ModelState.AddModelError("file", $"文件{(Input.FileName is { } name ? $"“{name}”" : "")}有 {sheet.Errors.Count} 处问题，没有导入任何内容。请改正下列各行后重新上传。");
            return Page();
        }
        Preview = await db.PreviewCatalogAsync(Input.Scheme, Input.Year!.Value, sheet, ct);
        Input.Text = sheet.ToText();
        Input.Fingerprint = Preview.Fingerprint;
        ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.Text)}");
        ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.Fingerprint)}");
        return Page();
    }

    /// <summary>The year and the scheme, with Chinese messages in place of the binder's English ones.</summary>
    private void ValidateYearAndScheme()
    {
        const string yearKey = $"{nameof(Input)}.{nameof(InputModel.Year)}", schemeKey = $"{nameof(Input)}.{nameof(InputModel.Scheme)}";
        var schemeUnreadable = ModelState.TryGetValue(schemeKey, out var scheme) && scheme.Errors.Count > 0;
        ModelState.Remove(yearKey);
        ModelState.Remove(schemeKey);
        if (Input.Year is not { } year || year < MinYear || year > MaxYear)
            ModelState.AddModelError(yearKey, $"年度应为 {MinYear}–{MaxYear} 之间的四位数字。");
        if (schemeUnreadable || !Enum.IsDefined(Input.Scheme))
            ModelState.AddModelError(schemeKey, "分类应为功能分类或经济分类。");
    }
}

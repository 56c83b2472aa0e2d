using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Classification;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Import;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Printing;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Workspace;

public sealed record VersionLine(int Id, int Version, DisclosureStatus Status, DateTimeOffset? PublishedAt, string? Reason);

/// <summary>One disclosure in the workspace: its parts, its checks, and the workflow actions the person's role allows.</summary>
public sealed class DisclosureModel(BudgetDbContext db, DisclosureAccess access, AuditTrail audit, DraftEditor editor, DisclosureReader reader, IOutputCacheStore cache,
    DisclosurePdfStore pdfs, ILogger<DisclosureModel> logger) : PageModel
{
    /// <summary>The longest review comment or correction reason (the columns hold 2000).</summary>
    public const int MaxCommentLength = 2000;

    public Disclosure Disclosure { get; private set; } = null!;
    /// <summary>The checks of the loaded version, run when first asked for (the page, submitting, publishing).</summary>
    /// A published version shows the checks frozen with it, as the public page does.
    public CheckReport Checks => _checks ??= ConsistencyChecks.AsShown(Disclosure, _catalogs);
    private CheckReport? _checks;
    /// <summary>The year's classification catalogs, for the catalog rules (M1, M2).</summary>
    private YearCatalogs? _catalogs;
    public Right Right { get; private set; }
    public bool IsReviewer => access.IsReviewer;
    public IReadOnlyList<VersionLine> Versions { get; private set; } = [];
    public bool IsLatest => Versions.Count == 0 || Versions.Max(v => v.Version) == Disclosure.Version;

    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The row version the reviewer saw on the confirmation step: publishing happens only from there, and only if nothing changed since.</summary>
    [BindProperty] public uint? ConfirmedVersion { get; set; }

    /// <summary>The publication's confirmation step is shown (GET ?handler=ConfirmPublish).</summary>
    public bool Confirming { get; private set; }
    /// <summary>The key totals the confirmation shows (表1, 表2, 三公), worked out when confirming.</summary>
    public DisclosureSummary? Summary { get; private set; }
    /// <summary>The stored official PDF of a published version (hash and print time), if printed.</summary>
    public (string Sha256, DateTimeOffset PrintedAt)? OfficialPdf { get; private set; }

    /// <summary>Where the public reads this department's year once published.</summary>
    public string PublicPath => $"/departments/{Disclosure.Department.Code}/{Disclosure.FiscalYear}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    /// <summary>The draft's eleven tables as the .xlsx workbook of the public download (the upload reads the same layout).</summary>
    public async Task<IActionResult> OnGetWorkbookAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        var stream = new MemoryStream();
        DisclosureWorkbook.Write(stream, Disclosure, await reader.FunctionalCatalogAsync(Disclosure.FiscalYear, ct));
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"{Disclosure.Department.Code}-{Disclosure.FiscalYear}-v{Disclosure.Version}.xlsx");
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (Right != Right.Edit) return StatusCode(StatusCodes.Status403Forbidden);
        return await ChangeAsync(id, d =>
        {
            d.Submit(DateTimeOffset.UtcNow, Checks.Errors);
            audit.Record(AuditAction.Submit, id, "提交审核");
        }, "已提交审核。", ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        if (!IsStated(Comment, nameof(Comment), "退回时必须填写审核意见，说明需要修改什么。", "审核意见")) return Page();
        return await ChangeAsync(id, d =>
        {
            d.Return(Comment);
            audit.Record(AuditAction.Return, id, $"退回修改：{Comment.Trim()}");
        }, "已退回修改。", ct);
    }

    /// <summary>
    /// The step before publishing: what becomes public (department, year, version, correction
    /// reason, the totals, the checks, the public address), with the one 确认发布 button.
    /// </summary>
    public async Task<IActionResult> OnGetConfirmPublishAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        if (RefusalToPublish() is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            return Page();
        }
        Confirming = true;
        Summary = DisclosureSummary.Of(Disclosure, []);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        if (RefusalToPublish() is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            return Page();
        }
        if (ConfirmedVersion is null)
        {
            ModelState.AddModelError(string.Empty, "发布前请先核对将要公开的内容：点击“发布…”，在确认页上点“确认发布”。");
            return Page();
        }
        if (ConfirmedVersion != Disclosure.RowVersion)
        {
            ModelState.AddModelError(string.Empty, "确认之后此公开内容有了变化，请重新核对下面将要公开的内容后再确认发布。");
            Confirming = true;
            Summary = DisclosureSummary.Of(Disclosure, []);
            return Page();
        }
        var publishedAt = DateTimeOffset.UtcNow;
        var result = await ChangeAsync(id, d =>
        {
            // The checks shown to the reviewer, run on the complete version, are frozen with it.
            d.Publish(publishedAt, Checks);
            audit.Record(d.Version > 1 ? AuditAction.Correct : AuditAction.Publish, id,
                d.Version > 1 ? $"发布更正（第 {d.Version} 版）：{d.CorrectionReason}" : "发布");
        }, "已发布。", ct);
        if (result is not RedirectResult) return result;
        // The public pages come from the output cache: the new version must show at once.
        await PublishedContent.PublishedAsync(cache, Disclosure.Department.Code, Disclosure.FiscalYear, ct);
        // The official PDF is printed and hashed now, as part of publishing (the publication itself is
        // already committed and stands if the print fails: the first download prints it then).
        var info = PrintedDocumentInfo.For(Disclosure.DepartmentName, Disclosure.FiscalYear, Disclosure.Version, publishedAt, DisclosurePdf.WholeDocument);
        try
        {
            var pdf = await pdfs.PrintAndStoreAsync(id, DisclosurePdf.WholeDocument, info, ct);
            TempData["Message"] = $"已发布。正式 PDF 已生成，SHA-256：{pdf.Sha256}";
        }
        // Whatever the failure, the publication is committed: the reviewer must learn that, not see a 500.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Printing the PDF of disclosure {DisclosureId} at publication failed; it will print on first download", id);
            TempData["Message"] = $"已发布。正式 PDF 未能生成（{e.Message}），已记录日志；首次下载时将再次打印。";
            TempData["PrintFailed"] = true;
        }
        return result;
    }

    /// <summary>Why this version cannot be published now, or null.</summary>
    /// <summary>
    /// One answer for a version found published when someone confirms it: another reviewer's 确认发布
    /// committed first (in a race, or minutes before on a page left open), or the same form sent again.
    /// </summary>
    private string AlreadyPublished => $"第 {Disclosure.Version} 版已经发布，无需再次发布；这次操作没有保存任何内容。";

    private string? RefusalToPublish() =>
        Disclosure.IsPublished ? AlreadyPublished
        : Disclosure.Status != DisclosureStatus.Submitted ? "只有已提交审核的公开内容可以发布。"
        : Checks.BlocksPublishing ? $"数据核验有 {Checks.Errors} 项错误，不能发布。"
        : null;

    public async Task<IActionResult> OnPostCorrectAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        // Correcting a published disclosure is the finance bureau's right (财政审核员); the officers then edit the new draft.
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        if (!Disclosure.IsPublished || !IsLatest)
        {
            ModelState.AddModelError(string.Empty, "只能更正最新的已发布版本；已有更正草稿时请打开它。");
            return Page();
        }
        if (!IsStated(Reason, nameof(Reason), "请填写更正原因，它将与更正后的版本一同公开。", "更正原因")) return Page();
        var published = (await db.CompleteAsync(id, ct))!;
        var next = published.StartCorrection(Reason);
        try
        {
            await editor.AddAsync(next, AuditAction.Correct, $"新建第 {next.Version} 版更正草稿：{next.CorrectionReason}", ct);
        }
        catch (DbUpdateException e) when (e.IsConcurrentSave())
        {
            ModelState.AddModelError(string.Empty, $"第 {next.Version} 版刚被他人新建，请刷新后打开它。");
            return Page();
        }
        TempData["Message"] = $"已新建第 {next.Version} 版（更正草稿）。修改后提交审核，发布后公开页面显示新版本和更正原因。";
        return Redirect($"/workspace/disclosures/{next.Id}");
    }

    /// <summary>A required text of at most <see cref="MaxCommentLength"/> characters (审核意见, 更正原因), or false with the message at its field.</summary>
    private bool IsStated([NotNullWhen(true)] string? text, string field, string missing, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) ModelState.AddModelError(field, missing);
        else if (text.Trim().Length > MaxCommentLength)
            ModelState.AddModelError(field, $"{name}最多 {MaxCommentLength} 字，现有 {text.Trim().Length} 字，请精简。");
        else return true;
        return false;
    }

    private async Task<IActionResult> ChangeAsync(int id, Action<Disclosure> change, string done, CancellationToken ct)
    {
        var tracked = (await db.Disclosures.Include(d => d.Department).SingleAsync(d => d.Id == id, ct));
        // Any failure of the save is looked at: whatever it was, nothing of this step was stored.
        var saved = await editor.StoreAsync(tracked, Disclosure.RowVersion, null, change, ModelState, _ => true, ct);
        if (saved.Lost is { } e)
        {
            // Say what the other person did — two reviewers confirming at once: the loser's frozen checks
            // collide with the winner's (unique key) or its row version is stale — and show the version as it is now.
            var before = Disclosure;
            _checks = null;
            if (await LoadAsync(id, ct) is { } gone) return gone;
            if (Disclosure.IsPublished && !before.IsPublished)
                ModelState.AddModelError(string.Empty, AlreadyPublished);
            else if (e.IsConcurrentSave())
                ModelState.AddModelError(string.Empty, "操作未完成：此公开内容刚被他人修改，请核对下面的当前内容后重试。");
            else
                ExceptionDispatchInfo.Throw(e);
        }
        if (!saved.Stored) return Page();
        TempData["Message"] = done;
        return Redirect($"/workspace/disclosures/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var disclosure = await reader.LoadAsync(id, ct);
        if (disclosure is null) return NotFound();
        Right = await access.ForDepartmentAsync(disclosure.DepartmentId, ct);
        if (Right == Right.None) return NotFound();
        Disclosure = disclosure;
        _catalogs = disclosure.IsPublished ? null : await db.YearCatalogsAsync(disclosure.FiscalYear, ct);
        Versions = await db.Disclosures.AsNoTracking()
            .Where(d => d.DepartmentId == disclosure.DepartmentId && d.FiscalYear == disclosure.FiscalYear)
            .OrderBy(d => d.Version)
            .Select(d => new VersionLine(d.Id, d.Version, d.Status, d.PublishedAt, d.CorrectionReason)).ToListAsync(ct);
        if (!disclosure.IsPublished)
        {
            var imported = await db.AuditLog.AsNoTracking().Where(a => a.DisclosureId == id && a.Action == AuditAction.Import)
                .OrderByDescending(a => a.Id).Select(a => a.Detail).FirstOrDefaultAsync(ct);
            ImportGaps = BudgetPortal.Web.Import.ImportGaps.Of(imported, disclosure);
        }
        if (disclosure.IsPublished)
        {
            var pdf = await db.DisclosurePdfs.AsNoTracking().Where(p => p.DisclosureId == id && p.Part == DisclosurePdf.WholeDocument)
                .Select(p => new { p.Sha256, p.PrintedAt }).SingleOrDefaultAsync(ct);
            OfficialPdf = pdf is null ? null : (pdf.Sha256, pdf.PrintedAt);
        }
        return null;
    }

    /// <summary>The parts the import of this draft could not read (its audit line), each with its form and whether it is filled in now.</summary>
    public IReadOnlyList<ImportGap> ImportGaps { get; private set; } = [];

    public int RowCount(TableKind kind) => Disclosure.Table(kind).Rows.Count(r => r.Cells.Count > 0);
}

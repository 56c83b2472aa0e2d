using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Compliance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>A version waiting for the finance bureau, and since when.</summary>
public sealed record WaitingDraft(int Id, string DepartmentCode, string DepartmentName, int Year, int Version, DateTimeOffset SubmittedAt);

/// <summary>
/// 公开情况 for the finance bureau (reviewers and administrators): the drafts waiting for review and how long,
/// the year's dashboard as the public sees it, and what it is computed from — the expected departments with
/// their 批复 dates (one at a time or a list file, one transaction) and the rules of a region's year.
/// </summary>
public sealed class ComplianceModel(BudgetDbContext db, DisclosureAccess access, AuditTrail audit, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "parent")] public string? Parent { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "dir")] public string? Direction { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }

    [BindProperty] public ExpectedInput Expected { get; set; } = new();
    [BindProperty] public RulesInput Rules { get; set; } = new();

    public IReadOnlyList<WaitingDraft> Waiting { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public ComplianceReport? Report { get; private set; }
    public ComplianceQuery Query { get; private set; } = new();
    public IReadOnlyList<ComplianceRow> Selected { get; private set; } = [];
    public IReadOnlyList<ComplianceRow> Shown { get; private set; } = [];
    public IReadOnlyList<string> UploadErrors { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;
    public int Pages => Math.Max(1, (Selected.Count + PageSize - 1) / PageSize);
    public int TheYear => Year ?? DateTime.UtcNow.Year;

    public sealed class ExpectedInput
    {
        public string? Code { get; set; }
        public string? ApprovedOn { get; set; }
    }

    public sealed class RulesInput
    {
        public string? Region { get; set; }
        public int DeadlineDays { get; set; } = ComplianceRules.DefaultDeadlineDays;
        public string? DeadlineSource { get; set; }
        public List<ItemInput> Items { get; set; } = [];
    }

    public sealed class ItemInput
    {
        public string Item { get; set; } = "";
        public bool Required { get; set; }
        public string? Source { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        await LoadAsync(ct);
        Rules = RulesForm(await StoredRulesAsync(Region?.Trim() ?? "", ct), Region?.Trim() ?? "");
        return Page();
    }

    /// <summary>Adds a department to the year's list or changes its 批复 date.</summary>
    public async Task<IActionResult> OnPostExpectedAsync(CancellationToken ct)
    {
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        ModelState.Clear();
        var code = Expected.Code?.Trim().ToLowerInvariant() ?? "";
        var department = code.Length == 0 ? null : await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, ct);
        if (code.Length == 0) ModelState.AddModelError("Expected.Code", "请填写部门代码。");
        else if (department is null) ModelState.AddModelError("Expected.Code", $"部门代码“{code}”不在部门清单中（请先在部门管理中新建）。");
        if (!ExpectedDisclosure.TryParseDate(Expected.ApprovedOn, out var date))
            ModelState.AddModelError("Expected.ApprovedOn", $"批复日期“{Expected.ApprovedOn}”不是日期；请写成 {TheYear}-01-20 的样子，尚未批复的留空。");
        if (!ModelState.IsValid) return await PageAgainAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.ExpectedDisclosures.SingleOrDefaultAsync(e => e.FiscalYear == TheYear && e.DepartmentId == department!.Id, ct);
        try
        {
            if (row is null) db.ExpectedDisclosures.Add(new ExpectedDisclosure(department!.Id, TheYear, date));
            else row.Approve(date);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("Expected.ApprovedOn", e.Message);
            return await PageAgainAsync(ct);
        }
        audit.Record(AuditAction.ComplianceChanged, null, $"{TheYear} 年应公开部门 {code}（{department!.Name}），批复日期 {(date is { } d ? d.ToString("yyyy-MM-dd") : "未批复")}");
        if (await SavedAsync(tx, ct) is { } failed) return failed;
        TempData["Message"] = $"已登记 {TheYear} 年应公开部门“{department.Name}”，批复日期 {(date is { } dd ? dd.ToString("yyyy-MM-dd") : "未批复")}。";
        return Redirect($"/workspace/compliance/{TheYear}");
    }

    /// <summary>Takes a department off the year's list.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string code, CancellationToken ct)
    {
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        var row = await db.ExpectedDisclosures.Where(e => e.FiscalYear == TheYear).Join(db.Departments.Where(d => d.Code == code), e => e.DepartmentId, d => d.Id, (e, d) => e)
            .SingleOrDefaultAsync(ct);
        if (row is null) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ExpectedDisclosures.Remove(row);
        audit.Record(AuditAction.ComplianceChanged, null, $"{TheYear} 年应公开部门中移除 {code}");
        if (await SavedAsync(tx, ct) is { } failed) return failed;
        TempData["Message"] = $"已从 {TheYear} 年应公开部门中移除 {code}。";
        return Redirect($"/workspace/compliance/{TheYear}");
    }

    /// <summary>A list file: every line adds its department or changes its 批复 date; all or nothing.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? list, CancellationToken ct)
    {
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        ModelState.Clear();
        if (list is null || list.Length == 0) { UploadErrors = ["请选择应公开部门清单文件（.csv 或 .xlsx）。"]; return await PageAgainAsync(ct); }
        if (list.Length > ExpectedListFile.MaxBytes)
        {
            UploadErrors = [$"文件过大（{list.Length / 1024.0 / 1024.0:0.0} MB），上限为 {ExpectedListFile.MaxBytes / 1024 / 1024} MB。"];
            return await PageAgainAsync(ct);
        }
        using var buffer = new MemoryStream();
        await list.CopyToAsync(buffer, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var file = await ExpectedListFile.ReadAsync(db, Path.GetFileName(list.FileName), buffer.ToArray(), TheYear, ct);
        if (file.Errors.Count > 0) { UploadErrors = file.Errors; return await PageAgainAsync(ct); }
        var ids = file.Lines.Select(l => l.DepartmentId).ToList();
        var existing = await db.ExpectedDisclosures.Where(e => e.FiscalYear == TheYear && ids.Contains(e.DepartmentId)).ToDictionaryAsync(e => e.DepartmentId, ct);
        foreach (var (id, date) in file.Lines)
        {
            if (existing.TryGetValue(id, out var row)) row.Approve(date);
            else db.ExpectedDisclosures.Add(new ExpectedDisclosure(id, TheYear, date));
        }
        audit.Record(AuditAction.ComplianceChanged, null, $"从 {Path.GetFileName(list.FileName)} 登记 {TheYear} 年应公开部门 {file.Lines.Count} 个（新增 {file.Lines.Count - existing.Count} 个）");
        if (await SavedAsync(tx, ct) is { } failed) return failed;
        TempData["Message"] = $"已从“{Path.GetFileName(list.FileName)}”登记 {TheYear} 年应公开部门 {file.Lines.Count} 个（新增 {file.Lines.Count - existing.Count} 个，更新 {existing.Count} 个）。";
        return Redirect($"/workspace/compliance/{TheYear}");
    }

    /// <summary>The rules of a region's year, replaced as a whole.</summary>
    public async Task<IActionResult> OnPostRulesAsync(CancellationToken ct)
    {
        if (!access.IsReviewer) return StatusCode(StatusCodes.Status403Forbidden);
        ModelState.Clear();
        var region = Rules.Region?.Trim() ?? "";
        if (region.Length > Department.MaxRegionLength) ModelState.AddModelError("Rules.Region", $"地区最多 {Department.MaxRegionLength} 个字。");
        ComplianceRules? rules = null;
        var items = new List<ChecklistRule>();
        foreach (var (i, n) in Rules.Items.Select((i, n) => (i, n)))
        {
            if (ChecklistItems.Parse(i.Item) is not { } item) { ModelState.AddModelError(string.Empty, $"第 {n + 1} 个检查项“{i.Item}”不存在。"); continue; }
            items.Add(new ChecklistRule(item, i.Required, i.Source ?? ""));
        }
        if (ModelState.IsValid)
        {
            try { rules = new ComplianceRules(Rules.DeadlineDays, Rules.DeadlineSource ?? "", items); }
            catch (DomainException e) { ModelState.AddModelError(string.Empty, e.Message); }
        }
        if (!ModelState.IsValid || rules is null) return await PageAgainAsync(ct, keepRules: true);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ComplianceRules.RemoveRange(await db.ComplianceRules.Where(r => r.FiscalYear == TheYear && r.Region == region).ToListAsync(ct));
        db.ComplianceRules.AddRange(ComplianceRuleEntry.Of(TheYear, region, rules));
        var where = region.Length == 0 ? "全部地区" : region;
        var notRequired = string.Join("、", rules.Items.Where(i => !i.Required).Select(i => ChecklistItems.Label(i.Item)));
        audit.Record(AuditAction.ComplianceChanged, null,
            $"{TheYear} 年{where}公开规则：期限 {rules.DeadlineDays} 日；不作要求：{(notRequired.Length > 0 ? notRequired : "无")}");
        if (await SavedAsync(tx, ct) is { } failed) return failed;
        TempData["Message"] = $"已保存 {TheYear} 年{where}的公开规则。";
        return Redirect($"/workspace/compliance/{TheYear}" + (region.Length > 0 ? "?region=" + Uri.EscapeDataString(region) : "") + "#rules");
    }

    private async Task<IActionResult?> SavedAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // The public 公开情况 pages come from the output cache: every form's change shows at once.
            await Infrastructure.PublishedContent.ComplianceChangedAsync(cache, ct);
            return null;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation })
        {
            ModelState.AddModelError(string.Empty, "保存时数据已被其他人修改，什么也没有保存；请刷新后再试。");
            return await PageAgainAsync(ct);
        }
    }

    private async Task<IActionResult> PageAgainAsync(CancellationToken ct, bool keepRules = false)
    {
        await LoadAsync(ct);
        if (!keepRules) Rules = RulesForm(await StoredRulesAsync(Region?.Trim() ?? "", ct), Region?.Trim() ?? "");
        return Page();
    }

    private async Task<ComplianceRules> StoredRulesAsync(string region, CancellationToken ct) =>
        ComplianceRuleEntry.ToRules(await db.ComplianceRules.AsNoTracking().Where(r => r.FiscalYear == TheYear && r.Region == region).ToListAsync(ct));

    private static RulesInput RulesForm(ComplianceRules rules, string region) => new()
    {
        Region = region, DeadlineDays = rules.DeadlineDays, DeadlineSource = rules.DeadlineSource,
        Items = rules.Items.Select(i => new ItemInput { Item = i.Item.ToString(), Required = i.Required, Source = i.Source }).ToList(),
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        // Bounded by what waits (the partial index of submitted versions), not by the archive.
        Waiting = await db.Disclosures.AsNoTracking().Where(d => d.Status == DisclosureStatus.Submitted)
            .OrderBy(d => d.SubmittedAt).Take(200)
            .Select(d => new WaitingDraft(d.Id, d.Department.Code, d.Department.Name, d.FiscalYear, d.Version, d.SubmittedAt ?? d.UpdatedAt))
            .ToListAsync(ct);
        Years = await db.ExpectedDisclosures.Select(e => e.FiscalYear).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        Year ??= Years.Count > 0 ? Years[0] : DateTime.UtcNow.Year;
        Regions = await db.ComplianceRules.Where(r => r.FiscalYear == TheYear && r.Region != "").Select(r => r.Region).Distinct().OrderBy(r => r).ToListAsync(ct);
        Report = await ComplianceReport.LoadAsync(db, TheYear, ComplianceReport.Today, ct);
        Query = ComplianceFiles.Query(Parent, Status, Sort, Direction);
        if (Report is not null)
        {
            Selected = Report.Select(Query);
            PageNumber = Math.Clamp(PageNumber, 1, Pages);
            Shown = Selected.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        }
    }

    /// <summary>How long a draft has waited, as a person says it.</summary>
    public string WaitedFor(DateTimeOffset since)
    {
        var span = Now - since;
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} 天 {span.Hours} 小时" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} 小时" : "不到 1 小时";
    }

    public string SortLink(string key)
    {
        var dir = Query.Sort == key && !Query.Descending ? "&dir=desc" : "";
        var filter = (Query.Parent is { } p ? "&parent=" + Uri.EscapeDataString(p) : "") + (Query.Status is { } s ? "&status=" + s : "");
        return $"/workspace/compliance/{TheYear}?sort={key}{dir}{filter}#rows";
    }
}

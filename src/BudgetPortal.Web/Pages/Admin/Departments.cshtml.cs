using System.ComponentModel.DataAnnotations;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Departments;
using BudgetPortal.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Pages.Admin;

public sealed record DepartmentLine(int Id, string Code, string Name, string? ShortName, int? ParentId, string? ParentCode, string? ParentName,
    string? Region, UnitType? UnitType, int Disclosures, int Published);

/// <summary>
/// 部门管理: administrators keep the departments (代码, 全称, 简称, 主管部门, 地区, 单位类型) as reference
/// data — one at a time or a whole list from a .csv/.xlsx in one transaction. A department is public
/// only once it has published a disclosure (DisclosureReader), so creating one here shows nothing publicly.
/// </summary>
[UploadEndpoint(UploadKind.DepartmentList)]
public sealed class DepartmentsModel(BudgetDbContext db, AuditTrail audit, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<DepartmentLine> Lines { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    /// <summary>Departments that can be a 主管部门 (not themselves a unit of another).</summary>
    public IReadOnlyList<(string Code, string Name)> Parents { get; private set; } = [];
    /// <summary>The department being edited has a published disclosure: its code is in public URLs and stays.</summary>
    public bool CodeLocked { get; private set; }
    public bool Editing => Input.Id is not null;
    public IReadOnlyList<string> UploadErrors { get; private set; } = [];

    public sealed class InputModel
    {
        /// <summary>Null: a new department.</summary>
        public int? Id { get; set; }

        [Required(ErrorMessage = "请填写部门代码。")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "请填写部门全称。")]
        [StringLength(Department.MaxNameLength, ErrorMessage = "全称最多 {1} 个字。")]
        public string Name { get; set; } = "";

        [StringLength(Department.MaxShortNameLength, ErrorMessage = "简称最多 {1} 个字。")]
        public string? ShortName { get; set; }

        /// <summary>The 主管部门's code; empty: none.</summary>
        public string? ParentCode { get; set; }

        [StringLength(Department.MaxRegionLength, ErrorMessage = "地区最多 {1} 个字。")]
        public string? Region { get; set; }

        [Required(ErrorMessage = "请选择单位类型。")]
        public UnitType? UnitType { get; set; }

        /// <summary>What the department was when the form was opened (<see cref="StampOf"/>): a save over someone else's change is refused.</summary>
        public string? Stamp { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? edit, CancellationToken ct)
    {
        if (edit is not null)
        {
            var d = await db.Departments.AsNoTracking().Include(x => x.Parent).SingleOrDefaultAsync(x => x.Code == edit, ct);
            if (d is null) return NotFound();
            Input = new InputModel
            {
                Id = d.Id, Code = d.Code, Name = d.Name, ShortName = d.ShortName, ParentCode = d.Parent?.Code, Region = d.Region, UnitType = d.UnitType,
                Stamp = StampOf(d),
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Code = Input.Code?.Trim() ?? "";
        // The domain's rule, on the trimmed code (an attribute would run before the trim).
        if (Input.Code.Length > 0 && !Department.IsValidCode(Input.Code))
            ModelState.AddModelError("Input.Code", $"部门代码只能使用小写字母、数字和连字符，长度 2–{Department.MaxCodeLength}（用于公开网址，如 swj）。");
        // One transaction; the department edited is locked so that the stamp compared is the one overwritten.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var department = Input.Id is { } id
            ? await db.Departments.FromSql($"SELECT * FROM departments WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
            : null;
        if (Input.Id is not null && department is null) return NotFound();
        var codeBefore = department?.Code;
        await LoadAsync(ct);
        if (department is not null && StampOf(department) != Input.Stamp)
        {
            ModelState.AddModelError(string.Empty,
                $"“{department.Name}”在您打开之后已被其他人修改，您的修改没有保存。请重新打开这个部门（修改），再改一次。");
            return Page();
        }

        var published = department is not null && await db.Disclosures.AnyAsync(x => x.DepartmentId == department.Id && x.Status == DisclosureStatus.Published, ct);
        if (published && department!.Code != Input.Code)
            ModelState.AddModelError("Input.Code", $"“{department.Name}”已有发布的预算公开，公开网址使用代码“{department.Code}”，代码不能再修改。");
        else if ((department is null || department.Code != Input.Code) && await db.Departments.AnyAsync(d => d.Code == Input.Code, ct))
            ModelState.AddModelError("Input.Code", $"部门代码“{Input.Code}”已被其他部门使用。");
        // A version published without its own 落款单位 shows the department's name: that name is part of
        // it now (the database refuses the change too; docs/decisions/0010).
        if (published && department!.Name != Input.Name.Trim() && await db.Disclosures.AnyAsync(
                x => x.DepartmentId == department.Id && x.Status == DisclosureStatus.Published && x.SignOff.Name == "", ct))
            ModelState.AddModelError("Input.Name", $"“{department.Name}”有已发布的预算公开以部门名称落款（未单独填写落款单位），名称不能再修改。");

        Department? parent = null;
        if (!string.IsNullOrWhiteSpace(Input.ParentCode))
        {
            parent = await db.Departments.SingleOrDefaultAsync(d => d.Code == Input.ParentCode.Trim(), ct);
            if (parent is null) ModelState.AddModelError("Input.ParentCode", $"主管部门“{Input.ParentCode}”不存在。");
        }
        if (!ModelState.IsValid) return Page();

        var before = department is null ? null : Describe(department, await ParentCodeAsync(department.ParentId, ct));
        var hasUnits = department is not null && await db.Departments.AnyAsync(d => d.ParentId == department.Id, ct);
        try
        {
            if (department is null)
            {
                department = new Department(Input.Code, Input.Name);
                db.Departments.Add(department);
            }
            else
            {
                department.Rename(Input.Name);
                if (department.Code != Input.Code) department.ChangeCode(Input.Code);
            }
            department.Describe(Input.ShortName, Input.Region, Input.UnitType);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        try
        {
            if (parent?.Id != department.ParentId) department.PlaceUnder(parent, hasUnits);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("Input.ParentCode", e.Message);
            return Page();
        }

        var after = Describe(department, parent?.Code);
        audit.Record(before is null ? AuditAction.DepartmentCreated : AuditAction.DepartmentChanged, null,
            before is null ? $"新建部门 {after}" : $"修改部门 {before} → {after}");
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        // BP001: a version was published meanwhile, and the database keeps its code (and name) as published.
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: "BP001" } frozen)
        {
            ModelState.AddModelError(string.Empty, $"{frozen.MessageText}（刚有版本发布，请刷新后再试）");
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or "BP003" } pg)
        {
            ModelState.AddModelError(pg.SqlState == "BP003" ? "Input.ParentCode" : "Input.Code",
                pg.SqlState == "BP003" ? $"{pg.MessageText}（刚被其他人修改，请刷新后再试）" : $"部门代码“{Input.Code}”已被其他部门使用。");
            return Page();
        }
        // Its public page (a department without a publication has one too) and the 公开情况 pages (names, 主管部门) are cached.
        await Infrastructure.PublishedContent.DepartmentsChangedAsync(cache, codeBefore is null ? [department.Code] : [codeBefore, department.Code], ct);
        TempData["Message"] = before is null ? $"已新建部门“{department.Name}”（{department.Code}）。" : $"已保存部门“{department.Name}”（{department.Code}）。";
        return Redirect(ListLink(Query, 1, department.Code));
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? list, CancellationToken ct)
    {
        ModelState.Clear();
        Input = new InputModel();
        await LoadAsync(ct);
        if (list is null || list.Length == 0)
        {
            UploadErrors = ["请选择部门清单文件（.csv 或 .xlsx）。"];
            return Page();
        }
        if (list.Length > DepartmentListFile.MaxBytes)
        {
            UploadErrors = [$"文件过大（{list.Length / 1024.0 / 1024.0:0.0} MB），上限为 {DepartmentListFile.MaxBytes / 1024 / 1024} MB。"];
            return Page();
        }
        DepartmentListFile.Result file;
        await using (var stream = list.OpenReadStream())
            file = DepartmentListFile.Read(stream, list.FileName);
        if (file.Errors.Count > 0)
        {
            UploadErrors = file.Errors;
            return Page();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var prepared = await DepartmentBulkCreation.PrepareAsync(db, file.Lines, ct);
        if (prepared.Errors.Count > 0)
        {
            UploadErrors = prepared.Errors;
            return Page();
        }
        var codes = string.Join("、", prepared.Created.Take(20).Select(d => d.Code)) + (prepared.Created.Count > 20 ? " 等" : "");
        audit.Record(AuditAction.DepartmentCreated, null, $"从 {Path.GetFileName(list.FileName)} 批量新建 {prepared.Created.Count} 个部门：{codes}");
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or "BP003" } pg)
        {
            UploadErrors = [$"保存时数据库拒绝了这个清单（{pg.MessageText}）：可能有人同时新建了相同代码的部门。什么也没有保存，请刷新后再上传。"];
            return Page();
        }
        TempData["Message"] = $"已从“{Path.GetFileName(list.FileName)}”新建 {prepared.Created.Count} 个部门。";
        return Redirect(ListLink(Query, 1, null));
    }

    public string PageLink(int page) => ListLink(Query, page, null);

    public static string Label(UnitType? type) => type is { } t ? Department.Label(t) : "未指定";

    private static string ListLink(string? query, int page, string? highlight)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(query)) parts.Add("q=" + Uri.EscapeDataString(query));
        if (page > 1) parts.Add("p=" + page);
        return "/admin/departments" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "") + (highlight is null ? "" : "#d-" + highlight);
    }

    /// <summary>A short fingerprint of what the form shows of a department.</summary>
    public static string StampOf(Department d) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\u001f', d.Code, d.Name, d.ShortName, d.ParentId, d.Region, d.UnitType))))[..16];

    private async Task<string?> ParentCodeAsync(int? parentId, CancellationToken ct) =>
        parentId is null ? null : await db.Departments.Where(d => d.Id == parentId).Select(d => d.Code).SingleAsync(ct);

    private static string Describe(Department d, string? parentCode) =>
        $"{d.Code}（{d.Name}{(d.ShortName is null ? "" : "，简称 " + d.ShortName)}，主管部门 {parentCode ?? "无"}，地区 {d.Region ?? "无"}，{Label(d.UnitType)}）";

    private async Task LoadAsync(CancellationToken ct)
    {
        var departments = db.Departments.AsNoTracking();
        var q = Query?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var code = q.ToLowerInvariant();
            departments = departments.Where(d => d.Name.Contains(q) || (d.ShortName != null && d.ShortName.Contains(q)) || d.Code.Contains(code));
        }
        Total = await departments.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        // Units right under their 主管部门: sort by the 主管部门's code, the 主管部门 first, then the units' codes.
        Lines = await departments
            .OrderBy(d => d.Parent != null ? d.Parent.Code : d.Code).ThenBy(d => d.ParentId != null).ThenBy(d => d.Code)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(d => new DepartmentLine(d.Id, d.Code, d.Name, d.ShortName, d.ParentId,
                d.Parent != null ? d.Parent.Code : null, d.Parent != null ? d.Parent.Name : null, d.Region, d.UnitType,
                db.Disclosures.Count(x => x.DepartmentId == d.Id),
                db.Disclosures.Count(x => x.DepartmentId == d.Id && x.Status == DisclosureStatus.Published)))
            .ToListAsync(ct);
        Parents = (await db.Departments.AsNoTracking().Where(d => d.ParentId == null && d.Id != (Input.Id ?? 0))
                .OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct))
            .Select(d => (d.Code, d.Name)).ToList();
        if (Input.Id is { } id)
            CodeLocked = await db.Disclosures.AnyAsync(x => x.DepartmentId == id && x.Status == DisclosureStatus.Published, ct);
    }
}

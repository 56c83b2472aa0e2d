using System.ComponentModel.DataAnnotations;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Workspace;

public sealed class NewModel(BudgetDbContext db, DisclosureAccess access, DraftEditor editor, BudgetPortal.Web.Disclosures.DisclosureReader reader) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请选择部门。")]
        public int? DepartmentId { get; set; }

        [Required(ErrorMessage = "请填写预算年度。")]
        [Range(2000, 2100, ErrorMessage = "预算年度应为 2000–2100 之间的年份。")]
        public int? FiscalYear { get; set; } = DateTime.Today.Year + 1;

        /// <summary>Start from last year's published disclosure of the department.</summary>
        public bool FromPrevious { get; set; } = true;

        /// <summary>Enter the budget as lines and derive the tables (recommended), or type the tables.</summary>
        public BudgetBasis Basis { get; set; } = BudgetBasis.Lines;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadDepartmentsAsync(ct)) return StatusCode(StatusCodes.Status403Forbidden);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadDepartmentsAsync(ct)) return StatusCode(StatusCodes.Status403Forbidden);
        if (ModelState.GetFieldValidationState("Input.Basis") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            // The binder's own message is English: say it in the page's words.
            ModelState.Remove("Input.Basis");
            ModelState.AddModelError("Input.Basis", "请选择编制方式：按预算明细编制或按表格编制。");
        }
        if (!ModelState.IsValid) return Page();
        if (Departments.All(d => d.Id != Input.DepartmentId))
        {
            ModelState.AddModelError("Input.DepartmentId", "您没有该部门的填报权限。");
            return Page();
        }
        var year = Input.FiscalYear!.Value;
        var department = await db.Departments.SingleAsync(d => d.Id == Input.DepartmentId, ct);
        if (await db.Disclosures.AnyAsync(d => d.DepartmentId == department.Id && d.FiscalYear == year, ct))
        {
            ModelState.AddModelError("Input.FiscalYear", $"{department.Name} {year} 年的预算公开已经存在，请在工作台中打开它（已发布的请更正）。");
            return Page();
        }
        var disclosure = new Disclosure(department, year);
        var from = "";
        // The year's 功能分类 catalog names a 类 that a table gives without its name in every note drafted.
        var functional = await reader.FunctionalCatalogAsync(year, ct);
        try
        {
            if (Input.FromPrevious)
            {
                var previous = await reader.PublishedAsync(department.Code, year - 1, ct);
                if (previous is null)
                {
                    ModelState.AddModelError("Input.FromPrevious", $"{department.Name} 没有已发布的 {year - 1} 年预算公开，请选择“从空白开始”。");
                    return Page();
                }
                NextYear.CarryForward(previous, disclosure, functional);
                from = $"，以 {year - 1} 年第 {previous.Version} 版为基础";
            }
            // Blank: the notes the portal drafts are there from the start, following the tables as they are entered.
            else disclosure.DraftNotes(PriorYearFigures.FromNoteLines(disclosure), functional);
            // Line-based: no lines yet, so the tables are derived empty (last year's rows are not kept: the lines make them).
            if (Input.Basis == BudgetBasis.Lines)
            {
                disclosure.SetLines([], await db.YearCatalogsAsync(year, ct));
                from += "，按预算明细编制";
            }

            await editor.AddAsync(disclosure, AuditAction.Create, $"新建 {department.Name} {year} 年预算公开{from}", ct);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        catch (DbUpdateException e) when (e.IsConcurrentSave())
        {
            ModelState.AddModelError("Input.FiscalYear", $"{department.Name} {year} 年的预算公开刚刚已由他人新建，请在工作台中打开它。");
            return Page();
        }
        return Redirect($"/workspace/disclosures/{disclosure.Id}");
    }

    private async Task<bool> LoadDepartmentsAsync(CancellationToken ct)
    {
        var editable = await access.EditableDepartmentsAsync(ct);
        if (editable is { Count: 0 }) return false;
        Departments = (await db.Departments.AsNoTracking().Where(d => editable == null || editable.Contains(d.Id))
            .OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
        return true;
    }
}

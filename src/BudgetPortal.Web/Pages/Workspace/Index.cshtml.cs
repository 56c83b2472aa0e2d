using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Workspace;

public sealed record WorkItem(int Id, string DepartmentCode, string DepartmentName, int Year, int Version, DisclosureStatus Status, DateTimeOffset UpdatedAt);

public sealed class IndexModel(BudgetDbContext db, DisclosureAccess access) : PageModel
{
    public IReadOnlyList<WorkItem> Items { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool IsReviewer => access.IsReviewer;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var editable = await access.EditableDepartmentsAsync(ct);
        var query = db.Disclosures.AsNoTracking();
        // Officers see their departments only; reviewers and administrators every department.
        if (!access.IsReviewer)
            query = query.Where(d => editable!.Contains(d.DepartmentId));
        Items = await query
            .OrderBy(d => d.Status == DisclosureStatus.Published).ThenByDescending(d => d.FiscalYear)
            .ThenBy(d => d.Department.Code).ThenByDescending(d => d.Version)
            .Select(d => new WorkItem(d.Id, d.Department.Code, d.Department.Name, d.FiscalYear, d.Version, d.Status, d.UpdatedAt))
            .ToListAsync(ct);
        CanCreate = editable is null || editable.Count > 0;
    }

    public static string StatusLabel(DisclosureStatus status) => status switch
    {
        DisclosureStatus.Draft => "草稿",
        DisclosureStatus.Submitted => "待审核",
        DisclosureStatus.Returned => "已退回修改",
        DisclosureStatus.Published => "已发布",
        _ => status.ToString(),
    };
}

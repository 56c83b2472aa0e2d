using BudgetPortal.Domain.Disclosures;
using System.Security.Claims;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Accounts;

/// <summary>What the signed-in person may do with a department's disclosures.</summary>
public enum Right
{
    /// <summary>Not even know a draft exists: 404.</summary>
    None,
    /// <summary>Read it (reviewers, for review).</summary>
    View,
    /// <summary>Edit and submit it (the department's officers, administrators).</summary>
    Edit,
}

/// <summary>
/// Rights by role and department: administrators everything; reviewers see and review every
/// department; officers only the departments assigned to them, and nothing else exists for them.
/// </summary>
public sealed class DisclosureAccess(BudgetDbContext db, IHttpContextAccessor http)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAdministrator => User.IsInRole(PortalRoles.Administrator);
    public bool IsReviewer => User.IsInRole(PortalRoles.Reviewer) || IsAdministrator;
    public bool IsOfficer => User.IsInRole(PortalRoles.Officer);

    public string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    public string UserName => User.Identity?.Name ?? "";

    /// <summary>Departments the person may edit; null means all.</summary>
    public async Task<IReadOnlyList<int>?> EditableDepartmentsAsync(CancellationToken ct = default)
    {
        if (IsAdministrator) return null;
        if (!IsOfficer) return [];
        var id = UserId;
        return await db.UserDepartments.Where(u => u.UserId == id).Select(u => u.DepartmentId).ToListAsync(ct);
    }

    public async Task<Right> ForDepartmentAsync(int departmentId, CancellationToken ct = default)
    {
        if (IsAdministrator) return Right.Edit;
        var editable = await EditableDepartmentsAsync(ct);
        if (editable is not null && editable.Contains(departmentId)) return Right.Edit;
        return IsReviewer ? Right.View : Right.None;
    }

    /// <summary>
    /// Why the person may not open this disclosure's forms, as the status to answer: 404 when it is
    /// not theirs to see, 403 when they may only read it; null when they may edit.
    /// </summary>
    public async Task<int?> RefusalToEditAsync(Disclosure disclosure, CancellationToken ct = default) =>
        await ForDepartmentAsync(disclosure.DepartmentId, ct) switch
        {
            Right.Edit => null,
            Right.View => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status404NotFound,
        };

    /// <summary>
    /// Opening one of a disclosure's forms: reading (GET) is open to whoever may see the disclosure —
    /// reviewers read what they review — and changing it only to its editors. Refusal is the status to
    /// answer (404 not theirs, 403 read-only) or null; Editable says whether the form accepts changes.
    /// </summary>
    public async Task<FormAccess> OpenFormAsync(Disclosure disclosure, bool reading, CancellationToken ct = default)
    {
        var right = await ForDepartmentAsync(disclosure.DepartmentId, ct);
        int? refusal = right switch
        {
            Right.None => StatusCodes.Status404NotFound,
            Right.View when !reading => StatusCodes.Status403Forbidden,
            _ => null,
        };
        return new FormAccess(refusal, right == Right.Edit && disclosure.IsEditable);
    }
}

/// <summary>See <see cref="DisclosureAccess.OpenFormAsync"/>.</summary>
public sealed record FormAccess(int? Refusal, bool Editable);

using System.ComponentModel.DataAnnotations;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Admin;

public sealed record UserLine(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, bool LockedOut, bool Disabled);

/// <summary>
/// Administrators create people, give them a role and (officers) departments, reset passwords and
/// stop accounts (停用). Every change to an existing person renews their security stamp, so their
/// open sessions end within seconds (docs/decisions/0011).
/// </summary>
public sealed class UsersModel(BudgetDbContext db, UserManager<PortalUser> users, AuditTrail audit) : PageModel
{
    public IReadOnlyList<UserLine> Users { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    /// <summary>The departments that are units of a 主管部门 (listed indented under it).</summary>
    public IReadOnlySet<int> UnitIds { get; private set; } = new HashSet<int>();
    /// <summary>A one-time password just set, shown once to the administrator.</summary>
    public string? OneTimePassword { get; private set; }

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        /// <summary>Empty: a new user.</summary>
        public string? Id { get; set; }

        [Required(ErrorMessage = "请填写用户名。")]
        [RegularExpression("^[A-Za-z0-9._@-]{2,64}$", ErrorMessage = "用户名只能使用字母、数字和 ._@-，2–64 位。")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请填写姓名。")]
        [StringLength(100, ErrorMessage = "姓名不超过 100 个字。")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "请选择角色。")]
        public string Role { get; set; } = PortalRoles.Officer;

        public List<int> DepartmentIds { get; set; } = [];

        /// <summary>Set a new one-time password (always for a new user).</summary>
        public bool ResetPassword { get; set; }

        /// <summary>停用: the account cannot sign in until an administrator turns this off.</summary>
        public bool Disabled { get; set; }
    }

    public async Task OnGetAsync(string? edit, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Users.FirstOrDefault(u => u.Id == edit) is { } u)
        {
            var ids = await db.UserDepartments.Where(d => d.UserId == u.Id).Select(d => d.DepartmentId).ToListAsync(ct);
            Input = new InputModel { Id = u.Id, UserName = u.UserName, DisplayName = u.DisplayName, Role = u.Roles.FirstOrDefault() ?? PortalRoles.Officer, DepartmentIds = ids, Disabled = u.Disabled };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!PortalRoles.All.Contains(Input.Role)) ModelState.AddModelError("Input.Role", "角色无效。");
        if (Input.Role == PortalRoles.Officer && Input.DepartmentIds.Count == 0)
            ModelState.AddModelError("Input.DepartmentIds", "部门填报员至少要分配一个部门。");
        if (Input.DepartmentIds.Any(id => Departments.All(d => d.Id != id)))
            ModelState.AddModelError("Input.DepartmentIds", "部门不存在。");
        if (Input.Disabled && Input.Id == users.GetUserId(User))
            ModelState.AddModelError("Input.Disabled", "不能停用自己的账户。");
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var creating = string.IsNullOrEmpty(Input.Id);
        var user = creating ? new PortalUser { LockoutEnabled = true } : await users.FindByIdAsync(Input.Id!);
        if (user is null) return NotFound();
        user.UserName = Input.UserName.Trim();
        user.DisplayName = Input.DisplayName.Trim();
        string? password = null;
        if (creating || Input.ResetPassword)
        {
            password = AccountBootstrap.GeneratePassword();
            user.MustChangePassword = true;
        }
        var result = creating ? await users.CreateAsync(user, password!) : await users.UpdateAsync(user);
        if (result.Succeeded && !creating && password is not null)
        {
            await users.RemovePasswordAsync(user);
            result = await users.AddPasswordAsync(user, password);
        }
        if (result.Succeeded)
        {
            var current = await users.GetRolesAsync(user);
            if (!current.SequenceEqual([Input.Role]))
            {
                if (current.Count > 0) result = await users.RemoveFromRolesAsync(user, current);
                if (result.Succeeded) result = await users.AddToRoleAsync(user, Input.Role);
            }
        }
        if (result.Succeeded && !creating && Input.Disabled != IsDisabled(user))
        {
            // 停用 is a lockout without end; turning it off also forgets earlier failed attempts.
            result = await users.SetLockoutEndDateAsync(user, Input.Disabled ? DateTimeOffset.MaxValue : null);
            if (result.Succeeded && !Input.Disabled) result = await users.ResetAccessFailedCountAsync(user);
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code.Contains("UserName") ? "Input.UserName" : string.Empty, e.Description);
            return Page();
        }
        var assigned = Input.Role == PortalRoles.Officer ? Input.DepartmentIds.Distinct().ToList() : [];
        db.UserDepartments.RemoveRange(db.UserDepartments.Where(d => d.UserId == user.Id));
        db.UserDepartments.AddRange(assigned.Select(id => new UserDepartment { UserId = user.Id, DepartmentId = id }));
        var names = Departments.Where(d => assigned.Contains(d.Id)).Select(d => d.Name);
        audit.Record(creating ? AuditAction.UserCreated : AuditAction.UserChanged, null,
            $"{user.UserName}（{user.DisplayName}）：{Input.Role}{(assigned.Count > 0 ? "，部门：" + string.Join("、", names) : "")}{(password is not null && !creating ? "，重置密码" : "")}{(Input.Disabled ? "，已停用" : "")}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Whatever changed (role, departments, password, 停用), sessions opened before it end.
        if (!creating) await users.UpdateSecurityStampAsync(user);

        await LoadAsync(ct);
        OneTimePassword = password is null ? null : $"{user.UserName} 的一次性密码：{password}（只显示这一次；首次登录时必须修改）";
        ModelState.Clear();
        Input = new InputModel();
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Units right under their 主管部门, as 部门管理 lists them.
        var choices = await db.Departments.AsNoTracking()
            .OrderBy(d => d.Parent != null ? d.Parent.Code : d.Code).ThenBy(d => d.ParentId != null).ThenBy(d => d.Code)
            .Select(d => new { d.Id, d.Name, d.ParentId }).ToListAsync(ct);
        Departments = choices.Select(d => (d.Id, d.Name)).ToList();
        UnitIds = choices.Where(d => d.ParentId != null).Select(d => d.Id).ToHashSet();
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var departments = await db.UserDepartments.Select(d => new { d.UserId, d.Department.Name }).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        Users = (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            .Select(u => new UserLine(u.Id, u.UserName ?? "", u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(),
                departments.Where(d => d.UserId == u.Id).Select(d => d.Name).ToList(),
                u.LockoutEnd > now, IsDisabled(u))).ToList();
    }

    private static bool IsDisabled(PortalUser user) => user.LockoutEnd >= DateTimeOffset.MaxValue.AddYears(-1);
}

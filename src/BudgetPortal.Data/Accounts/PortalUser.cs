using BudgetPortal.Domain.Disclosures;
using Microsoft.AspNetCore.Identity;

namespace BudgetPortal.Data.Accounts;

/// <summary>A person who signs in: an administrator, a reviewer of the finance bureau or a department's officer.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>The name shown in the page header and the audit log (姓名).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Set for a password someone else chose (the first administrator, a reset): changed at next login.</summary>
    public bool MustChangePassword { get; set; }

    public List<UserDepartment> Departments { get; set; } = [];
}

/// <summary>A department whose disclosures an officer (部门填报员) may edit and submit.</summary>
public sealed class UserDepartment
{
    public string UserId { get; set; } = "";
    public int DepartmentId { get; set; }
    public Department Department { get; set; } = null!;
}

/// <summary>The three roles, named as people call them.</summary>
public static class PortalRoles
{
    public const string Administrator = "系统管理员";
    public const string Reviewer = "财政审核员";
    public const string Officer = "部门填报员";

    public static readonly IReadOnlyList<string> All = [Administrator, Reviewer, Officer];
}

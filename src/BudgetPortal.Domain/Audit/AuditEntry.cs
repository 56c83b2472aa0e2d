namespace BudgetPortal.Domain.Audit;

/// <summary>What was done, recorded as it happened; the table accepts INSERT only (migration AccountsAndAudit).</summary>
public enum AuditAction
{
    Login,
    LoginFailed,
    Logout,
    PasswordChanged,
    Create,
    Save,
    Upload,
    Import,
    Submit,
    Return,
    Publish,
    Correct,
    UserCreated,
    UserChanged,
    CatalogLoaded,
    DepartmentCreated,
    DepartmentChanged,
    ComplianceChanged,
}

/// <summary>One line of the audit log: who did what, when, to which disclosure.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { UserName = ""; Detail = ""; }

    public AuditEntry(DateTimeOffset at, string userName, AuditAction action, int? disclosureId, string detail)
    {
        At = at.ToUniversalTime();
        // The log records what was attempted and is never refused for it: a name or detail past its column
        // (a 300-character login name, a 3,000-character file name) is kept clipped, NUL shown as \0.
        UserName = Clip(userName, TextLimits.UserName);
        Action = action;
        DisclosureId = disclosureId;
        Detail = Clip(detail, TextLimits.AuditDetail);
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string UserName { get; private set; }
    public AuditAction Action { get; private set; }
    public int? DisclosureId { get; private set; }
    public string Detail { get; private set; }

    private static string Clip(string text, int max)
    {
        text = text.Replace("\0", "\\0");
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    public static string Label(AuditAction action) => action switch
    {
        AuditAction.Login => "登录",
        AuditAction.LoginFailed => "登录失败",
        AuditAction.Logout => "退出",
        AuditAction.PasswordChanged => "修改密码",
        AuditAction.Create => "新建公开",
        AuditAction.Save => "保存",
        AuditAction.Upload => "上传 Excel",
        AuditAction.Submit => "提交审核",
        AuditAction.Return => "退回修改",
        AuditAction.Publish => "发布",
        AuditAction.Correct => "更正",
        AuditAction.UserCreated => "新建用户",
        AuditAction.UserChanged => "修改用户与权限",
        AuditAction.CatalogLoaded => "导入分类目录",
        AuditAction.DepartmentCreated => "新建部门",
        AuditAction.DepartmentChanged => "修改部门",
        AuditAction.ComplianceChanged => "修改公开情况数据",
        _ => action.ToString(),
    };
}

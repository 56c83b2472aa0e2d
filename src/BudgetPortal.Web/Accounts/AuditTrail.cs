using BudgetPortal.Data;
using BudgetPortal.Domain.Audit;

namespace BudgetPortal.Web.Accounts;

/// <summary>
/// Adds an audit line to the request's DbContext; it is written by the same SaveChanges as the
/// change it records, so a change and its audit line commit or fail together.
/// </summary>
public sealed class AuditTrail(BudgetDbContext db, IHttpContextAccessor http)
{
    public void Record(AuditAction action, int? disclosureId, string detail, string? userName = null) =>
        db.AuditLog.Add(new AuditEntry(DateTimeOffset.UtcNow,
            userName ?? http.HttpContext?.User.Identity?.Name ?? "anonymous", action, disclosureId, detail));
}

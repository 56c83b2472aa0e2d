using BudgetPortal.Data;
using BudgetPortal.Domain.Audit;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Admin;

/// <summary>The audit log, newest first; read-only here and insert-only in the database.</summary>
public sealed class AuditModel(BudgetDbContext db) : PageModel
{
    public const int PageSize = 200;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(string? user, int? disclosure, CancellationToken ct)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(user)) query = query.Where(a => a.UserName == user);
        if (disclosure is { } id) query = query.Where(a => a.DisclosureId == id);
        Entries = await query.OrderByDescending(a => a.Id).Take(PageSize).ToListAsync(ct);
    }
}

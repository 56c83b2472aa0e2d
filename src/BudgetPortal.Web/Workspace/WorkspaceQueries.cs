using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Workspace;

public static class WorkspaceQueries
{
    /// <summary>
    /// A save refused because someone else saved first: the row changed since it was read (the
    /// concurrency token), or a row the form creates was created meanwhile (a unique key).
    /// </summary>
    public static bool IsConcurrentSave(this DbUpdateException e) =>
        e is DbUpdateConcurrencyException || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// A disclosure complete, tracked, for an edit: the drafted notes are written again in the same save
    /// as a table (Disclosure.SetTable), so an edit always loads them; the checks read the same copy.
    /// </summary>
    public static Task<Disclosure?> CompleteAsync(this BudgetDbContext db, int id, CancellationToken ct = default) =>
        db.Disclosures.IncludeComplete().SingleOrDefaultAsync(d => d.Id == id, ct);
}

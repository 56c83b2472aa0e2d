using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Import;

/// <summary>What an import stored: the department's code, the year and the draft's version.</summary>
public sealed record StoredDraft(string DepartmentCode, int FiscalYear, int Version, bool NewDepartment, int Id = 0);

/// <summary>
/// Stores an imported disclosure as a draft, in one transaction: the department (found by its
/// code, else by its exact name, else created) and the draft version after the latest one. Nothing
/// is published, and nothing is stored when any part of it fails. With an audit line (the import's
/// detail: what was read and the parts left for an officer, <see cref="ImportGaps"/>), the line is
/// written in the same transaction, naming the new draft.
/// </summary>
public sealed class DraftStore(BudgetDbContext db)
{
    public async Task<StoredDraft> SaveAsync(DisclosureDocument doc, string? code, CancellationToken ct = default, (string User, string Detail)? audit = null)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var department = code is not null
                ? await db.Departments.SingleOrDefaultAsync(d => d.Code == code, ct)
                : await db.Departments.FirstOrDefaultAsync(d => d.Name == doc.Department.Name, ct)
                  ?? await db.Departments.SingleOrDefaultAsync(d => d.Code == doc.Department.Code, ct);
            var isNew = department is null;
            if (department is null)
            {
                department = new Department(code ?? doc.Department.Code, doc.Department.Name);
                db.Departments.Add(department);
            }
            else if (department.Name != doc.Department.Name)
                throw new DomainException($"部门代码“{department.Code}”属于“{department.Name}”，与文件中的“{doc.Department.Name}”不同。");

            var latest = isNew ? null : await db.Disclosures.Where(d => d.DepartmentId == department.Id && d.FiscalYear == doc.FiscalYear)
                .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
            if (latest is { IsPublished: false })
                throw new DomainException($"{department.Name} {doc.FiscalYear} 年已有未发布的草稿（第 {latest.Version} 版），请先处理该草稿。");

            var draft = new Disclosure(department, doc.FiscalYear, (latest?.Version ?? 0) + 1);
            doc.ApplyTo(draft);
            db.Disclosures.Add(draft);
            await db.SaveChangesAsync(ct);
            if (audit is { } a)
            {
                db.AuditLog.Add(new AuditEntry(DateTimeOffset.UtcNow, a.User, AuditAction.Import, draft.Id, a.Detail));
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            return new StoredDraft(department.Code, draft.FiscalYear, draft.Version, isNew, draft.Id);
        }
        catch
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            throw;
        }
    }
}

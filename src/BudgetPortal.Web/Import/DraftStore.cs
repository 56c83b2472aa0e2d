using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Tables;
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
    /// <summary>
    /// The department's latest published disclosure before the imported year (the department found as
    /// <see cref="SaveAsync"/> finds it): the 功能分类 rows of its 表2, 表3 and 表5, which the import asks
    /// for a 项 that 说明五(三) names and no catalog knows. Null for a new department or none published.
    /// </summary>
    public async Task<PreviousDisclosure?> PreviousAsync(DisclosureDocument doc, string? code, CancellationToken ct = default)
    {
        var departments = db.Departments.AsNoTracking();
        var department = code is not null
            ? await departments.SingleOrDefaultAsync(d => d.Code == code, ct)
            : await departments.FirstOrDefaultAsync(d => d.Name == doc.Department.Name, ct)
              ?? await departments.SingleOrDefaultAsync(d => d.Code == doc.Department.Code, ct);
        if (department is null) return null;
        var previous = await db.LatestPublished().Where(d => d.DepartmentId == department.Id && d.FiscalYear < doc.FiscalYear)
            .OrderByDescending(d => d.FiscalYear).Select(d => new { d.Id, d.FiscalYear }).FirstOrDefaultAsync(ct);
        if (previous is null) return null;
        TableKind[] functional = [TableKind.Income, TableKind.Expenditure, TableKind.GeneralBudget];
        RowKind[] levels = [RowKind.Category, RowKind.Class, RowKind.Item];
        var rows = await db.TableRows.AsNoTracking()
            .Where(r => db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == previous.Id && functional.Contains(t.Kind))
                        && levels.Contains(r.Kind) && r.Code != null && r.Name != null)
            .Select(r => new { r.Code, r.Name }).Distinct().ToListAsync(ct);
        return new PreviousDisclosure(previous.FiscalYear, rows.Select(r => (r.Code!, r.Name!)).ToList());
    }

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
            doc.ApplyTo(draft, await db.ClassificationCatalogAsync(BudgetPortal.Domain.Classification.ClassificationScheme.Functional, doc.FiscalYear, ct));
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

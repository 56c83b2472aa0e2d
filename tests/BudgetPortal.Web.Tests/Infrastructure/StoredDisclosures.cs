using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>Disclosures put straight into a test's database, as the seed loader does, without the forms.</summary>
public static class StoredDisclosures
{
    /// <summary>Stores a new department (<paramref name="code"/>, <paramref name="name"/>) with <paramref name="doc"/> as its draft; returns the draft.</summary>
    public static async Task<Disclosure> AddDraftOfNewDepartmentAsync(this BudgetDbContext db, string code, string name, DisclosureDocument doc)
    {
        var department = new Department(code, name);
        db.Departments.Add(department);
        var draft = new Disclosure(department, doc.FiscalYear);
        doc.ApplyTo(draft, null);
        db.Disclosures.Add(draft);
        await db.SaveChangesAsync();
        return draft;
    }
}

using BudgetPortal.Data;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Classification;

/// <summary>
/// What loading a file would change: against the year's catalog it replaces (if any) and against the
/// previous year's (the nearest earlier year loaded). <see cref="Fingerprint"/> is the year's catalog
/// as it was previewed; the confirmation replaces it only if it is still the same.
/// </summary>
public sealed record CatalogPreview(
    ClassificationScheme Scheme, int Year, CatalogSheet Sheet,
    int CurrentCount, CatalogChange? AgainstCurrent,
    int? PreviousYear, CatalogChange? AgainstPrevious,
    string Fingerprint);

public static class CatalogLoading
{
    public static async Task<CatalogPreview> PreviewCatalogAsync(this BudgetDbContext db, ClassificationScheme scheme, int year, CatalogSheet sheet, CancellationToken ct = default)
    {
        var items = Items(sheet);
        var current = await db.CatalogItemsAsync(scheme, year, ct);
        var previousYear = await db.PreviousCatalogYearAsync(scheme, year, ct);
        var previous = previousYear is { } p ? await db.CatalogItemsAsync(scheme, p, ct) : [];
        return new CatalogPreview(scheme, year, sheet,
            current.Count, current.Count == 0 ? null : CatalogChange.Between(current, items),
            previousYear, previousYear is null ? null : CatalogChange.Between(previous, items),
            CatalogQueries.Fingerprint(current));
    }

    /// <summary>
    /// Replaces the year's catalog of the scheme with the sheet's codes in one transaction, with its
    /// audit line; false (nothing changed) when the catalog is no longer the one previewed. Disclosures
    /// keep their codes and names as text in their rows, so no stored disclosure changes.
    /// </summary>
    public static async Task<bool> ReplaceCatalogAsync(this BudgetDbContext db, AuditTrail audit, ClassificationScheme scheme, int year,
        CatalogSheet sheet, string previewedFingerprint, CancellationToken ct = default)
    {
        if (!sheet.IsValid || sheet.Lines.Count == 0) throw new InvalidOperationException("only a valid catalog can be loaded");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One loader at a time per catalog: a second confirmation waits, then sees the catalog changed.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(20113, {year * 2 + (int)scheme})", ct);
        var current = await db.CatalogItemsAsync(scheme, year, ct);
        if (CatalogQueries.Fingerprint(current) != previewedFingerprint) return false;

        await db.ClassificationCodes.Where(c => c.Scheme == scheme && c.Year == year).ExecuteDeleteAsync(ct);
        db.ClassificationCodes.AddRange(sheet.Lines.Select(l => new ClassificationCode(scheme, year, l.Code, l.Name)));
        var change = CatalogChange.Between(current, Items(sheet));
        audit.Record(AuditAction.CatalogLoaded, null,
            $"导入 {year} 年{scheme.Label()}目录：{sheet.Lines.Count} 个科目" +
            (current.Count == 0 ? "（新目录）" : $"（替换原有 {current.Count} 个科目：{change.Summary}）"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public static IReadOnlyList<CatalogItem> Items(CatalogSheet sheet) => sheet.Lines.Select(l => new CatalogItem(l.Code, l.Name)).ToList();
}

using System.Security.Cryptography;
using System.Text;
using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Workspace;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Classification;

/// <summary>One loaded catalog: a scheme's codes of one year.</summary>
public sealed record LoadedCatalog(ClassificationScheme Scheme, int Year, int Count);

/// <summary>Reading the loaded classification catalogs (reference data; no query here touches disclosures).</summary>
public static class CatalogQueries
{
    /// <summary>Every loaded catalog with its number of codes, by year then scheme.</summary>
    public static async Task<IReadOnlyList<LoadedCatalog>> LoadedCatalogsAsync(this BudgetDbContext db, CancellationToken ct = default)
    {
        var rows = await db.ClassificationCodes.GroupBy(c => new { c.Scheme, c.Year })
            .Select(g => new { g.Key.Scheme, g.Key.Year, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new LoadedCatalog(r.Scheme, r.Year, r.Count)).OrderBy(r => r.Year).ThenBy(r => r.Scheme).ToList();
    }

    /// <summary>The codes of exactly this year's catalog (empty when the year has none loaded).</summary>
    public static async Task<IReadOnlyList<CatalogItem>> CatalogItemsAsync(this BudgetDbContext db, ClassificationScheme scheme, int year, CancellationToken ct = default) =>
        await db.ClassificationCodes.AsNoTracking().Where(c => c.Scheme == scheme && c.Year == year)
            .OrderBy(c => c.Code).Select(c => new CatalogItem(c.Code, c.Name)).ToListAsync(ct);

    /// <summary>The nearest earlier year with a catalog of the scheme, or null.</summary>
    public static Task<int?> PreviousCatalogYearAsync(this BudgetDbContext db, ClassificationScheme scheme, int year, CancellationToken ct = default) =>
        db.ClassificationCodes.Where(c => c.Scheme == scheme && c.Year < year).MaxAsync(c => (int?)c.Year, ct);

    /// <summary>A short fingerprint of a list of codes and names: the preview carries it, the confirmation checks nothing changed since.</summary>
    public static string Fingerprint(IEnumerable<CatalogItem> items)
    {
        var text = string.Concat(items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => $"{i.Code}\t{i.Name}\n"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}

namespace BudgetPortal.Domain.Classification;

/// <summary>A code and its name in one catalog.</summary>
public sealed record CatalogItem(string Code, string Name)
{
    public int Level => ClassificationCode.LevelOf(Code);
    public string Printed => ClassificationCode.Printed(Code);
}

/// <summary>A code whose name differs between two catalogs.</summary>
public sealed record CatalogRename(string Code, string OldName, string NewName)
{
    public string Printed => ClassificationCode.Printed(Code);
}

/// <summary>What differs from one catalog to another: codes added, codes removed, codes renamed (in code order).</summary>
public sealed class CatalogChange
{
    private CatalogChange(IReadOnlyList<CatalogItem> added, IReadOnlyList<CatalogItem> removed, IReadOnlyList<CatalogRename> renamed, int unchanged)
    {
        Added = added;
        Removed = removed;
        Renamed = renamed;
        Unchanged = unchanged;
    }

    public IReadOnlyList<CatalogItem> Added { get; }
    public IReadOnlyList<CatalogItem> Removed { get; }
    public IReadOnlyList<CatalogRename> Renamed { get; }
    public int Unchanged { get; }
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Renamed.Count == 0;

    public static CatalogChange Between(IEnumerable<CatalogItem> before, IEnumerable<CatalogItem> after)
    {
        var old = before.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var now = after.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var added = now.Where(c => !old.ContainsKey(c.Key)).Select(c => new CatalogItem(c.Key, c.Value));
        var removed = old.Where(c => !now.ContainsKey(c.Key)).Select(c => new CatalogItem(c.Key, c.Value));
        var renamed = now.Where(c => old.TryGetValue(c.Key, out var name) && name != c.Value).Select(c => new CatalogRename(c.Key, old[c.Key], c.Value));
        var unchanged = now.Count(c => old.TryGetValue(c.Key, out var name) && name == c.Value);
        return new CatalogChange(
            added.OrderBy(c => c.Code, StringComparer.Ordinal).ToList(),
            removed.OrderBy(c => c.Code, StringComparer.Ordinal).ToList(),
            renamed.OrderBy(c => c.Code, StringComparer.Ordinal).ToList(),
            unchanged);
    }

    public static CatalogChange Between(IEnumerable<ClassificationCode> before, IEnumerable<CatalogItem> after) =>
        Between(before.Select(c => new CatalogItem(c.Code, c.Name)), after);

    /// <summary>新增 3 项、删除 1 项、更名 2 项 (or 无变化).</summary>
    public string Summary => IsEmpty ? "无变化" : string.Join("、", new[]
    {
        Added.Count > 0 ? $"新增 {Added.Count} 个" : null,
        Removed.Count > 0 ? $"删除 {Removed.Count} 个" : null,
        Renamed.Count > 0 ? $"更名 {Renamed.Count} 个" : null,
    }.Where(s => s is not null)) + "科目";
}

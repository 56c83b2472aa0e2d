using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Classification;

/// <summary>The catalogs of seeds/classification, as the portal loads them, for checks run in unit tests.</summary>
public static class SeedCatalogs
{
    public static IReadOnlyList<ClassificationCode> Read(ClassificationScheme scheme, int year)
    {
        var file = Path.Combine(SeedFiles.RepoRoot, "seeds", "classification", $"{scheme.Slug()}-{year}.tsv");
        if (!File.Exists(file)) return [];
        return File.ReadLines(file).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(p => new ClassificationCode(scheme, year, p[0], p[1])).ToList();
    }

    public static ClassificationCatalog Catalog(ClassificationScheme scheme, int year) =>
        new(scheme, year, Read(scheme, year), Read(scheme, year - 1));

    /// <summary>Both catalogs of the year (and the year before), as the workspace gives them to the checks.</summary>
    public static YearCatalogs For(int year) =>
        new(Catalog(ClassificationScheme.Functional, year), Catalog(ClassificationScheme.Economic, year));
}

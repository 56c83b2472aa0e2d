using BudgetPortal.Domain.Classification;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// The classification catalogs the importer checks codes and names against (seeds/classification:
/// functional-YYYY.tsv and economic-YYYY.tsv, `code<TAB>name` after a header line).
/// </summary>
public sealed class ImportCatalog
{
    private readonly Dictionary<(ClassificationScheme, int, string), string> _names = [];

    public void Add(ClassificationScheme scheme, int year, string code, string name) => _names[(scheme, year, code)] = name;

    public void AddTsv(ClassificationScheme scheme, int year, string tsv)
    {
        foreach (var line in tsv.Split('\n').Skip(1))
        {
            var parts = line.TrimEnd('\r').Split('\t');
            if (parts.Length == 2 && ClassificationCode.Normalize(parts[0]) is { } code) Add(scheme, year, code, parts[1].Trim());
        }
    }

    /// <summary>Reads every functional-YYYY.tsv / economic-YYYY.tsv of a folder.</summary>
    public static ImportCatalog FromFolder(string folder)
    {
        var catalog = new ImportCatalog();
        if (!Directory.Exists(folder)) return catalog;
        foreach (var file in Directory.GetFiles(folder, "*.tsv"))
        {
            var stem = Path.GetFileNameWithoutExtension(file).Split('-');
            if (stem.Length == 2 && int.TryParse(stem[1], out var year) &&
                Enum.TryParse<ClassificationScheme>(stem[0], ignoreCase: true, out var scheme))
                catalog.AddTsv(scheme, year, File.ReadAllText(file));
        }
        return catalog;
    }

    /// <summary>The catalog name of a code in a year (the nearest year the catalog has), or null.</summary>
    public string? Name(ClassificationScheme scheme, int year, string code)
    {
        if (_names.TryGetValue((scheme, year, code), out var name)) return name;
        var years = _names.Keys.Where(k => k.Item1 == scheme && k.Item3 == code).Select(k => k.Item2).ToList();
        return years.Count == 0 ? null : _names[(scheme, years.OrderBy(y => Math.Abs(y - year)).First(), code)];
    }

    public bool IsEmpty => _names.Count == 0;

    /// <summary>The code of a given length and name under a parent code (the nearest year the catalog has).</summary>
    public string? Find(ClassificationScheme scheme, int year, int length, string name, string? parent)
    {
        var hits = _names.Where(e => e.Key.Item1 == scheme && e.Key.Item3.Length == length && e.Value == name
                                     && (parent is null || e.Key.Item3.StartsWith(parent, StringComparison.Ordinal)))
            .OrderBy(e => Math.Abs(e.Key.Item2 - year)).Select(e => e.Key.Item3).ToList();
        return hits.FirstOrDefault();
    }
}

using System.Reflection;
using System.Text.Json;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Glossary;

namespace BudgetPortal.Domain.Tests.Seeds;

/// <summary>
/// The seed transcriptions of this repository (seeds/disclosures/NNN_*.json beside their source
/// NNN_*.txt) and the yearly glossaries (seeds/glossary/{year}.json). Found from the test binary by
/// walking up to BudgetPortal.sln, so the tests read the repository's copy and nothing outside it.
/// </summary>
public static class SeedFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DisclosuresDirectory => Path.Combine(RepoRoot, "seeds", "disclosures");

    public static IReadOnlyList<SeedFile> All { get; } =
        Directory.GetFiles(DisclosuresDirectory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => new SeedFile(path))
            .ToList();

    /// <summary>The seed ids (000, 001, …) for theories.</summary>
    public static TheoryData<string> Ids => [.. All.Select(s => s.Id)];

    public static SeedFile Get(string id) =>
        All.SingleOrDefault(s => s.Id == id) ?? throw new ArgumentException($"No seed {id} in {DisclosuresDirectory}.");

    public static IReadOnlyList<GlossaryEntry> Glossary(int year)
    {
        var path = Path.Combine(RepoRoot, "seeds", "glossary", $"{year}.json");
        var file = JsonSerializer.Deserialize<GlossaryFile>(File.ReadAllText(path), JsonSerializerOptions.Web)
                   ?? throw new InvalidDataException($"{path} is empty.");
        return file.Entries.Select((e, i) => new GlossaryEntry(file.Year, i + 1, e.Number, e.Term, e.Text)).ToList();
    }

    /// <summary>
    /// Walks up from the test binaries to BudgetPortal.sln; when they were built outside the repository
    /// (an artifacts path elsewhere), from the project directory recorded at build time instead.
    /// </summary>
    private static string FindRepoRoot()
    {
        var projectDirectory = typeof(SeedFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        string?[] starts = [AppContext.BaseDirectory, projectDirectory];
        foreach (var start in starts.OfType<string>())
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "BudgetPortal.sln")))
                    return dir.FullName;
        throw new DirectoryNotFoundException($"BudgetPortal.sln not found above {AppContext.BaseDirectory} or {projectDirectory}.");
    }

    private sealed record GlossaryFile(int Year, List<GlossaryFileEntry> Entries);

    private sealed record GlossaryFileEntry(string Number, string Term, string Text);
}

/// <summary>One seed transcription: the JSON document and the extracted source text beside it.</summary>
public sealed class SeedFile(string jsonPath)
{
    public string JsonPath { get; } = jsonPath;

    /// <summary>000_b9ea59971ad8d31b</summary>
    public string Name => Path.GetFileNameWithoutExtension(JsonPath);

    /// <summary>000</summary>
    public string Id => Name[..3];

    public string SourcePath => Path.ChangeExtension(JsonPath, ".txt");

    public string Json => File.ReadAllText(JsonPath);

    public string SourceText => File.ReadAllText(SourcePath);

    public DisclosureDocument Document => DisclosureDocument.Parse(Json);

    /// <summary>The document applied to a new draft disclosure of its department and year.</summary>
    public Disclosure Load() => LoadInto(Document);

    public static Disclosure LoadInto(DisclosureDocument doc)
    {
        var disclosure = new Disclosure(new Department(doc.Department.Code, doc.Department.Name), doc.FiscalYear);
        doc.ApplyTo(disclosure, null);
        return disclosure;
    }

    public override string ToString() => Name;
}

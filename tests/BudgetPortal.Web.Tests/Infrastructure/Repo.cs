using System.Reflection;
using BudgetPortal.Domain.Documents;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>The checkout this test runs from, and its seed files (never ../shared).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static IEnumerable<string> SeedDisclosureFiles =>
        Directory.GetFiles(Path.Combine(Seeds, "disclosures"), "*.json").Order(StringComparer.Ordinal);

    public static DisclosureDocument LoadSeed(string fileName) =>
        DisclosureDocument.Parse(File.ReadAllText(Path.Combine(Seeds, "disclosures", fileName)));

    /// <summary>xunit member data: one row per seed file name.</summary>
    public static TheoryData<string> SeedNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in SeedDisclosureFiles) data.Add(Path.GetFileName(f));
        return data;
    }

    private static string FindRoot()
    {
        var projectDirectory = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, projectDirectory }.OfType<string>())
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "BudgetPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("BudgetPortal.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Reflection;
using BenchmarkDotNet.Attributes;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;

namespace BudgetPortal.Benchmarks;

/// <summary>The consistency checks on each seed disclosure (target: well under 100 ms for the largest).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ChecksBenchmark
{
    private Disclosure _disclosure = null!;

    [Params("000", "001", "002", "003")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Load()
    {
        var file = Directory.GetFiles(Path.Combine(Repo.Root, "seeds", "disclosures"), $"{Seed}_*.json").Single();
        var doc = DisclosureDocument.Parse(File.ReadAllText(file));
        _disclosure = new Disclosure(new Department(doc.Department.Code, doc.Department.Name), doc.FiscalYear);
        doc.ApplyTo(_disclosure, null);
    }

    [Benchmark]
    public int RunAllRules() => ConsistencyChecks.Run(_disclosure).Results.Count;
}

internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var project = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ProjectDirectory").Value!;
        for (var dir = new DirectoryInfo(project); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BudgetPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("BudgetPortal.sln not found");
    }
}

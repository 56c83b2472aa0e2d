using BenchmarkDotNet.Attributes;
using BudgetPortal.Domain.Import;

namespace BudgetPortal.Benchmarks;

/// <summary>Importing a seed's published text into the file form, report and checks included (issue 7).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ImportBenchmark
{
    private string _text = "";
    private ImportCatalog _catalog = null!;

    [Params("000", "001", "002", "003")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Load()
    {
        _text = File.ReadAllText(Directory.GetFiles(Path.Combine(Repo.Root, "seeds", "disclosures"), $"{Seed}_*.txt").Single());
        _catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Root, "seeds", "classification"));
    }

    [Benchmark]
    public bool ImportText() => DisclosureImporter.Import(_text, Seed, _catalog).Succeeded;
}

using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Import;

/// <summary>Importing the published text of a seed gives back its transcription, field by field.</summary>
public class SeedImportTests
{
    public static ImportCatalog Catalog { get; } = ImportCatalog.FromFolder(Path.Combine(SeedFiles.RepoRoot, "seeds", "classification"));

    public static (ImportResult Result, DisclosureDocument Expected) ImportSeed(string id)
    {
        var seed = SeedFiles.Get(id);
        var expected = DisclosureDocument.Parse(seed.Json);
        var text = seed.SourceText;
        return (DisclosureImporter.Import(text, Path.GetFileName(seed.SourcePath), Catalog), expected);
    }

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("003")]
    public void ImportedTextEqualsTranscription(string id)
    {
        var (result, expected) = ImportSeed(id);
        Assert.True(result.Succeeded, result.Report.ToText());
        var diffs = DocumentComparison.Differences(expected, result.Document!, 200);
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
    }
}

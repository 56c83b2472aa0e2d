using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Web.Import;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Import;

/// <summary>
/// Each seed disclosure printed by the portal (GET /departments/{code}/{year}.pdf), read back
/// through `pdftotext -layout` by the import, gives the same disclosure: every table cell, row,
/// note line and figure, sheet field and indicator. Compared as DocumentComparison.Options.Printed:
/// a space lost where the print wrapped a line, and the cover the print always has, aside.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PdfRoundTripTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task PrintingASeedAndImportingThePdfGivesItBack(string seed)
    {
        var expected = Repo.LoadSeed(seed);
        var file = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await portal.DownloadAsync($"/departments/{expected.Department.Code}/{expected.FiscalYear}.pdf"));
        try
        {
            var catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Seeds, "classification"));
            var (result, error) = await ImportCommand.ImportFileAsync(file, catalog, expected.Department.Code);
            Assert.True(result.Succeeded, error ?? result.Report.ToText());
            var differences = DocumentComparison.Differences(expected, result.Document!, 100, DocumentComparison.Options.Printed);
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheExactComparisonSeesWhatThePrintCannotGiveBack()
    {
        // The loose comparison is needed, and only for whitespace and the cover: compared exactly,
        // the printed 000 differs in nothing else.
        var expected = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));
        var bytes = await portal.Http.GetByteArrayAsync($"/departments/{expected.Department.Code}/{expected.FiscalYear}.pdf");
        var file = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var (result, _) = await ImportCommand.ImportFileAsync(file, ImportCatalog.FromFolder(Path.Combine(Repo.Seeds, "classification")), null);
            var exact = DocumentComparison.Differences(expected, result.Document!, 500);
            Assert.Contains(exact, d => d.StartsWith(".hasCover", StringComparison.Ordinal));
            // Whitespace aside, the cover is the only difference.
            var whitespaceAside = DocumentComparison.Differences(expected, result.Document!, 500,
                new DocumentComparison.Options(IgnoreWhitespaceInText: true));
            Assert.Equal(".hasCover", Assert.Single(whitespaceAside).Split(':')[0]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

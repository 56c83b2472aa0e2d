using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Tests.Import.Corpus;
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

    /// <summary>
    /// The printed seed as a base text of the variation corpus (issue 13): its laid-out text re-typeset the
    /// ways other offices' PDFs come out (docs/benchmarks.md has the whole run,
    /// `BudgetPortal.Benchmarks corpus N F FOLDER`). A small sample here: no wrong figure, no part
    /// different without a flag, and every variant of the sample complete.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task VariantsOfThePrintedSeedImportWithoutAWrongFigure(string seed)
    {
        const int variants = 3;
        var expected = Repo.LoadSeed(seed);
        var file = Path.Combine(Path.GetTempPath(), $"printed-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await portal.DownloadAsync($"/departments/{expected.Department.Code}/{expected.FiscalYear}.pdf"));
        try
        {
            var source = CorpusRun.PrintedSource(Repo.Root, await ImportCommand.PdfTextAsync(file));
            Assert.Equal(seed[..3] + "p", source.Id);
            var catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Seeds, "classification"));
            var run = new CorpusRun();
            for (var n = 0; n < variants; n++) run.Run(source, n, catalog);
            Assert.True(run.Results.All(r => r.Complete), run.Failures());
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

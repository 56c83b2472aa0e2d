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
    [InlineData("003")]
    public void WithoutTheCatalogTheNamesOfTable5SplitTable7sProjectRows(string id)
    {
        var seed = SeedFiles.Get(id);
        var result = DisclosureImporter.Import(seed.SourceText, id, new ImportCatalog());
        Assert.True(result.Succeeded, result.Report.ToText());
        Assert.Empty(DocumentComparison.Differences(DisclosureDocument.Parse(seed.Json), result.Document!));
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

/// <summary>
/// Seed 002's text extraction scrambled the table columns: the import keeps what it could read as a
/// partial draft and lists the tables it could not rebuild — never a guessed figure.
/// </summary>
public class ScrambledSeedImportTests
{
    [Fact]
    public void Seed002IsAPartialDraftNamingTheTablesThatCouldNotBeRebuilt()
    {
        var (result, expected) = SeedImportTests.ImportSeed("002");
        Assert.True(result.Partial);
        var failed = result.Report.FailedParts;
        Assert.Contains(failed, p => p.StartsWith("表", StringComparison.Ordinal));
        Assert.Contains("部分读出", result.Report.ToText());
        // Every table it lists is left empty, and every part is either the transcription's or listed.
        foreach (var part in failed.Where(p => p.StartsWith("表", StringComparison.Ordinal)))
            Assert.False(result.Document!.Tables.ContainsKey(part[1..]), part);
        var scores = Corpus.VariantScore.Score(result, expected);
        Assert.DoesNotContain(scores, s => s.Outcome is Corpus.PartOutcome.WrongFigure or Corpus.PartOutcome.Differs);
        Assert.Contains(scores, s => s.Outcome == Corpus.PartOutcome.Exact && s.Part.StartsWith("说明", StringComparison.Ordinal));
    }
}

/// <summary>
/// A table is stored as printed when its figures keep its identities within rounding (the checks then
/// report the gap); one that breaks them beyond rounding is left for an officer with the identity and
/// its source lines, since the import cannot tell a row misread from a printing error (decision 0006).
/// </summary>
public class ImportedErrorTests
{
    [Fact]
    public void AGapWithinRoundingImportsAsPrintedAndTheChecksFlagExactlyThatFigure()
    {
        var seed = SeedFiles.Get("000");
        var original = DisclosureImporter.Import(seed.SourceText, "000", SeedImportTests.Catalog);
        Assert.True(original.Succeeded);
        Assert.Equal(0, original.Report.Checks!.Errors);

        // 表1 208 社会保障和就业支出 20.25 typed as 20.26: 支出总计 179.66 is 0.01 below the sum of the 4 类, within 0.02.
        const string printed = "3.国有资本经营预算拨款 208 社会保障和就业支出 20.25";
        Assert.Contains(printed, seed.SourceText);
        var changed = seed.SourceText.Replace(printed, "3.国有资本经营预算拨款 208 社会保障和就业支出 20.26");
        var result = DisclosureImporter.Import(changed, "000-changed", SeedImportTests.Catalog);

        Assert.True(result.Succeeded, result.Report.ToText());
        var row = result.Document!.Tables["1"].Rows.Single(r => r.Code == "208");
        Assert.Equal("20.26", row.Cells["expenditure"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        var failures = result.Report.Checks!.Failures.ToList();
        Assert.Contains(failures, e => e.Rule == "A3" && e.Severity == BudgetPortal.Domain.Disclosures.Severity.Rounding);
        Assert.Contains(failures, e => e.Rule == "A4" && e.Severity == BudgetPortal.Domain.Disclosures.Severity.Error && e.Message.Contains("20.26"));

        // Exactly the findings of the same typo made in the transcription by hand.
        var expected = DisclosureDocument.Parse(seed.Json);
        expected.Tables["1"].Rows.Single(r => r.Code == "208").Cells["expenditure"] = 20.26m;
        var draft = new BudgetPortal.Domain.Disclosures.Disclosure(new BudgetPortal.Domain.Disclosures.Department("jjxz", expected.Department.Name), expected.FiscalYear);
        expected.ApplyTo(draft, null);
        var want = BudgetPortal.Domain.Checks.ConsistencyChecks.Run(draft).Failures.Select(f => $"{f.Rule} {f.Severity} {f.Message}").ToList();
        Assert.Equal(want, result.Report.Checks.Failures.Select(f => $"{f.Rule} {f.Severity} {f.Message}").ToList());
    }

    [Fact]
    public void AnIdentityBrokenBeyondRoundingLeavesTheTableForAnOfficerWithItsLines()
    {
        var seed = SeedFiles.Get("000");
        // 表1 支出总计 179.66 typed as 179.76: 收入总计 and 支出总计 must be equal.
        const string printed = "收 入 总 计 179.66 支 出 总 计 179.66";
        Assert.Contains(printed, seed.SourceText);
        var result = DisclosureImporter.Import(seed.SourceText.Replace(printed, "收 入 总 计 179.66 支 出 总 计 179.76"), "000-changed", SeedImportTests.Catalog);

        Assert.True(result.Partial, result.Report.ToText());
        Assert.Equal("表1", result.Report.FailedParts.First());
        Assert.False(result.Document!.Tables.ContainsKey("1"));
        var note = Assert.Single(result.Report.Unreadable, n => n.Part == "表1");
        Assert.Contains("勾稽关系", note.Message);
        Assert.Contains("表1 收入总计 179.66 ≠ 支出总计 179.76", note.Message);
        Assert.Contains(note.Lines!, l => l.Contains("179.76"));
        // Without 表1's income lines the columns of 表2, 表4 and 表10 (which of the budgets have money)
        // cannot be told apart: they are left too rather than guessed. Everything else is the transcription's.
        Assert.Equal(["表1", "表4", "表2", "表10"], result.Report.FailedParts);
        var scores = Corpus.VariantScore.Score(result, DisclosureDocument.Parse(seed.Json));
        Assert.All(scores.Where(s => !result.Report.FailedParts.Contains(s.Part)), s => Assert.Equal(Corpus.PartOutcome.Exact, s.Outcome));
        Assert.All(scores.Where(s => result.Report.FailedParts.Contains(s.Part)), s => Assert.Equal(Corpus.PartOutcome.Flagged, s.Outcome));
    }

    [Fact]
    public void ARowLostFromATableLeavesTheTableForAnOfficerInsteadOfStoringItShort()
    {
        var seed = SeedFiles.Get("003");
        // The 表1 line of 2、非财政拨款结转结余 6.10 dropped (as a header repeated after a page break once took it).
        var lines = seed.SourceText.Split('\n').ToList();
        var at = lines.FindIndex(l => l.StartsWith("2、非财政拨款结转结余 6.10", StringComparison.Ordinal));
        Assert.True(at > 0);
        lines.RemoveAt(at);
        var result = DisclosureImporter.Import(string.Join('\n', lines), "003-short", SeedImportTests.Catalog);

        Assert.Contains("表1", result.Report.FailedParts);
        Assert.False(result.Document!.Tables.ContainsKey("1"));
        Assert.Contains(result.Report.Unreadable, n => n.Part == "表1" && n.Message.Contains("二、上年结转结余 6.10 ≠ 财政拨款结转 + 非财政拨款结转结余 0.00"));
    }

    [Fact]
    public void PlacementsNotPrintedAreReportedAsInferred()
    {
        var (flat, _) = SeedImportTests.ImportSeed("000");
        Assert.Contains(flat.Report.Inferred, n => n.Part == "表3" && n.Message.Contains("201 31 50 事业运行"));
        Assert.Contains(flat.Report.Inferred, n => n.Part == "表7" && n.Message.Contains("按最常见的列放置"));
        // Tab-separated text keeps every cell in its column: nothing there is inferred.
        var (tabbed, _) = SeedImportTests.ImportSeed("001");
        Assert.DoesNotContain(tabbed.Report.Inferred, n => n.Part.StartsWith("表", StringComparison.Ordinal));
    }
}

public class DepartmentCodesTests
{
    [Fact]
    public void ANewDepartmentsCodeIsStableShortAndUrlSafe()
    {
        var a = DepartmentCodes.Derive("昌吉回族自治州经济协作服务中心");
        Assert.Equal(a, DepartmentCodes.Derive(" 昌吉回族自治州经济协作服务中心 "));
        Assert.Matches("^d[0-9a-f]{8}$", a);
        Assert.NotEqual(a, DepartmentCodes.Derive("昌吉回族自治州人民政府驻北京联络处"));
        // A valid department code for the domain.
        _ = new BudgetPortal.Domain.Disclosures.Department(a, "昌吉回族自治州经济协作服务中心");
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Documents;

/// <summary>
/// The note lines' fields are data (NoteLineField.All) and the file form writes them from there: the
/// JSON stays what it was (docs/disclosure-format.md), so the seeds, published downloads and API
/// answers read and write unchanged.
/// </summary>
public sealed class NoteLineFormatTests
{
    private static JsonNode NotesOf(string json) => JsonNode.Parse(json)!["notes"]!;

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void ASeedsNotesReadAndWrittenAreTheFilesNotes(string seed)
    {
        var file = SeedFiles.Get(seed);

        var written = DisclosureDocument.Parse(file.Json).ToJson();

        var (expected, actual) = (NotesOf(file.Json), NotesOf(written));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{seed}: the notes changed in the round trip");
        Assert.Contains(expected.AsArray(), n => n!["lines"]!.AsArray().Count > 0);
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void ADocumentWrittenFromTheDomainIsWrittenAgainByteForByte(string seed)
    {
        var json = SeedFiles.Get(seed).Load().ToDocument().ToJson();

        Assert.Equal(json, SeedFile.LoadInto(DisclosureDocument.Parse(json)).ToDocument().ToJson());
    }

    [Fact]
    public void ALineIsWrittenAsBeforeKeyFirstFieldsInOrderNullsLeftOut()
    {
        var doc = new DisclosureDocument
        {
            Notes =
            [
                new NoteDoc
                {
                    Key = "3", Heading = "三",
                    Lines = [new NoteLine("basic") { Reason = "人员减少", Label = "基本支出", ChangePercent = 0.59m, Amount = 169.66m, Change = -1.00m }],
                },
            ],
        };

        var line = NotesOf(doc.ToJson())[0]!["lines"]![0]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });

        Assert.Equal("""{"key":"basic","label":"基本支出","amount":169.66,"change":-1.00,"changePercent":0.59,"reason":"人员减少"}""", line);
    }

    [Fact]
    public void ALineIsReadAsBeforeAnyCaseNumbersAsStringsUnknownNamesSkipped()
    {
        const string json = """
            { "format": "budgetportal-disclosure/1", "notes": [ { "key": "7", "heading": "七", "lines": [
              { "Key": "project1", "LABEL": "机构运行", "amount": "12.50", "policyBasis": "有关文件", "remark": { "x": 1 }, "period": null } ] } ] }
            """;

        var line = DisclosureDocument.Parse(json).Notes[0].Lines[0];

        Assert.Equal(("project1", "机构运行", 12.50m, "有关文件", (string?)null), (line.Key, line.Label, line.Amount, line.PolicyBasis, line.Period));
    }

    [Theory]
    [InlineData("""{ "key": "basic", "amount": "许多" }""", "amount")]
    [InlineData("""{ "key": "basic", "reason": 12 }""", "reason")]
    public void AValueOfTheWrongKindIsRefusedNamingTheField(string line, string field)
    {
        var json = $$"""{ "format": "budgetportal-disclosure/1", "notes": [ { "key": "3", "heading": "三", "lines": [ {{line}} ] } ] }""";

        var e = Assert.Throws<DomainException>(() => DisclosureDocument.Parse(json));

        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void EveryFieldOfTheLineIsDeclaredOnceAsData()
    {
        var properties = typeof(NoteLine).GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Equal(properties.Where(p => p != "key").Order(StringComparer.Ordinal), NoteLineField.All.Select(f => f.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AFieldTooLongForItsLimitIsRefusedByTheAggregateNamingIt()
    {
        var disclosure = SeedFiles.Get("000").Load();
        var lines = disclosure.Note("7")!.Lines.Select(l => l.Copy()).ToList();
        lines[0].Unit = new string('长', NoteLineField.Of("unit")!.Limit + 1);

        var e = Assert.Throws<DomainException>(() =>
            disclosure.SetNotes(disclosure.Notes.Where(n => n.Key != "7").Append(new NoteSection("7", "七", [], lines))));

        Assert.Contains("项目承担单位最多 200 个字", e.Message);
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Documents;

/// <summary>
/// The fields of a note line (NoteLineField) and of a performance indicator (IndicatorField) are data,
/// and the file form writes them from there (RecordJson): the JSON stays what it was
/// (docs/disclosure-format.md), so the seeds, published downloads and API answers read and write unchanged.
/// </summary>
public sealed class RecordFormatTests
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static DisclosureDocument Document(string body) => DisclosureDocument.Parse($$"""{ "format": "budgetportal-disclosure/1", {{body}} }""");

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void ASeedsNotesAndSheetsReadAndWrittenAreTheFiles(string seed)
    {
        var file = SeedFiles.Get(seed);

        var (expected, actual) = (JsonNode.Parse(file.Json)!, JsonNode.Parse(DisclosureDocument.Parse(file.Json).ToJson())!);

        foreach (var part in new[] { "notes", "performance" })
            Assert.True(JsonNode.DeepEquals(expected[part], actual[part]), $"{seed}: the {part} changed in the round trip");
        Assert.Contains(expected["notes"]!.AsArray(), n => n!["lines"]!.AsArray().Count > 0);
        Assert.NotEmpty(expected["performance"]!["projects"]!.AsArray().SelectMany(p => p!["indicators"]!.AsArray()));
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
            Notes = [new NoteDoc { Key = "3", Heading = "三", Lines = [new NoteLine("basic") { Reason = "人员减少", Label = "基本支出", ChangePercent = 0.59m, Amount = 169.66m, Change = -1.00m }] }],
        };

        var line = JsonNode.Parse(doc.ToJson())!["notes"]![0]!["lines"]![0]!.ToJsonString(Compact);

        Assert.Equal("""{"key":"basic","label":"基本支出","amount":169.66,"change":-1.00,"changePercent":0.59,"reason":"人员减少"}""", line);
    }

    [Fact]
    public void AnIndicatorIsWrittenAsBeforeLevelsAndValueAlwaysOtherFieldsInOrderNullsLeftOut()
    {
        var doc = new DisclosureDocument
        {
            Performance = new PerformanceDoc { Department = new DepartmentSheetDoc { Indicators = [new Indicator("产出指标", "数量指标", "", "＞=130 批次") { Weight = 10m, Basis = "计划标准" }] } },
        };

        var indicator = JsonNode.Parse(doc.ToJson())!["performance"]!["department"]!["indicators"]![0]!.ToJsonString(Compact);

        Assert.Equal("""{"level1":"产出指标","level2":"数量指标","level3":"","value":"＞=130 批次","basis":"计划标准","weight":10}""", indicator);
    }

    [Fact]
    public void ALineIsReadAsBeforeAnyCaseNumbersAsStringsUnknownNamesSkipped()
    {
        var line = Document("""
            "notes": [ { "key": "7", "heading": "七", "lines": [
              { "Key": "project1", "LABEL": "机构运行", "amount": "12.50", "policyBasis": "有关文件", "remark": { "x": 1 }, "period": null } ] } ]
            """).Notes[0].Lines[0];

        Assert.Equal(("project1", "机构运行", 12.50m, "有关文件", (string?)null), (line.Key, line.Label, line.Amount, line.PolicyBasis, line.Period));
    }

    [Fact]
    public void AnIndicatorIsReadAsBeforeAnyCaseNumbersAsStringsUnknownNamesSkippedMissingLevelsEmpty()
    {
        var indicator = Document("""
            "performance": { "projects": [ { "name": "项目", "indicators": [
              { "Level3": "完成批次", "VALUE": "=3 批", "weight": "12.5", "remark": [1], "scoring": null } ] } ] }
            """).Performance.Projects[0].Indicators[0];

        Assert.Equal(("", "完成批次", "=3 批", 12.5m, (string?)null), (indicator.Level1, indicator.Level3, indicator.Value, indicator.Weight, indicator.Scoring));
    }

    [Theory]
    [InlineData("""{ "key": "basic", "amount": "许多" }""", "amount")]
    [InlineData("""{ "key": "basic", "reason": 12 }""", "reason")]
    [InlineData("""{ "key": null }""", "key")]
    public void ALineValueOfTheWrongKindIsRefusedNamingTheField(string line, string field)
    {
        var e = Assert.Throws<DomainException>(() => Document($$"""  "notes": [ { "key": "3", "heading": "三", "lines": [ {{line}} ] } ]  """));

        Assert.Contains($" {field}（", e.Message);
    }

    [Theory]
    [InlineData("""{ "level3": "完成批次", "weight": "十" }""", "weight")]
    [InlineData("""{ "level3": null }""", "level3")]
    [InlineData("""{ "basis": 3 }""", "basis")]
    public void AnIndicatorValueOfTheWrongKindIsRefusedNamingTheField(string indicator, string field)
    {
        var e = Assert.Throws<DomainException>(() => Document($$"""  "performance": { "department": { "indicators": [ {{indicator}} ] } }  """));

        Assert.Contains($"绩效指标的 {field}（", e.Message);
    }

    [Fact]
    public void EveryFieldOfALineAndOfAnIndicatorIsDeclaredOnceAsData()
    {
        static IEnumerable<string> Settable(Type type) => type.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(Settable(typeof(NoteLine)), NoteLineField.Written.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Settable(typeof(Indicator)), IndicatorField.All.Select(f => f.Key).Order(StringComparer.Ordinal));
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

    [Fact]
    public void AnIndicatorsWeightOutOfRangeOrATextWithNulIsRefusedByTheAggregateNamingIt()
    {
        var disclosure = SeedFiles.Get("000").Load();
        PerformanceSheet Changed(Action<Indicator> change)
        {
            var sheet = disclosure.DepartmentSheet!.Copy();
            change(sheet.Indicators[0]);
            return sheet;
        }

        var weight = Assert.Throws<DomainException>(() => disclosure.SetPerformanceSheets([Changed(i => i.Weight = 1e13m)]));
        var nul = Assert.Throws<DomainException>(() => disclosure.SetPerformanceSheets([Changed(i => i.Evidence = "文件\0")]));

        Assert.Contains("的分值权重：数值", weight.Message);
        Assert.Contains("的佐证资料含有不允许的空字符", nul.Message);
    }

    [Fact]
    public void ACopyCarriesEveryField()
    {
        var indicator = SeedFiles.Get("000").Load().ProjectSheets.SelectMany(s => s.Indicators).First(i => i.Scoring is not null && i.Evidence is not null);

        var copy = indicator.Copy();

        Assert.NotSame(indicator, copy);
        object? Value(IndicatorField f, Indicator i) => f.IsText ? f.Text(i) : f.Number(i);
        Assert.All(IndicatorField.All, f => Assert.Equal(Value(f, indicator), Value(f, copy)));
    }
}

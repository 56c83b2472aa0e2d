using System.Text.Json.Nodes;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// The OpenAPI document describes a note line and a performance indicator with the fields the file form
/// writes (NoteLineField.Written, IndicatorField.All).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RecordSchemaTests(PortalFixture portal)
{
    [Fact]
    public async Task ANoteLineAndAnIndicatorAreDescribedFieldByFieldFromTheirLists()
    {
        var schemas = JsonNode.Parse(await portal.Http.GetStringAsync("/api/v1/openapi.json"))!["components"]!["schemas"]!;

        var line = schemas["NoteDoc"]!["properties"]!["lines"]!["items"]!;
        Assert.Equal(NoteLineField.Written.Select(f => f.Key), line["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("项目承担单位", (string?)line["properties"]!["unit"]!["description"]);
        Assert.Equal("number", (string?)line["properties"]!["amount"]!["type"]);
        Assert.Equal(["key"], line["required"]!.AsArray().Select(k => (string?)k));

        foreach (var sheet in new[] { "DepartmentSheetDoc", "ProjectSheetDoc" })
        {
            var indicator = schemas[sheet]!["properties"]!["indicators"]!["items"]!;
            Assert.Equal(IndicatorField.All.Select(f => f.Key), indicator["properties"]!.AsObject().Select(p => p.Key));
            Assert.Equal("number", (string?)indicator["properties"]!["weight"]!["type"]);
            Assert.Equal(["level1", "level2", "level3", "value"], indicator["required"]!.AsArray().Select(k => (string?)k));
        }
    }
}

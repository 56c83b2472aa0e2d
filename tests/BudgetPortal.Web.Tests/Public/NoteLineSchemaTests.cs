using System.Text.Json.Nodes;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>The OpenAPI document describes a note line with the fields the file form writes (NoteLineField.All).</summary>
[Collection(PortalCollection.Name)]
public sealed class NoteLineSchemaTests(PortalFixture portal)
{
    [Fact]
    public async Task ANoteLineIsDescribedFieldByFieldFromTheList()
    {
        var document = JsonNode.Parse(await portal.Http.GetStringAsync("/api/v1/openapi.json"))!;

        var line = document["components"]!["schemas"]!["NoteDoc"]!["properties"]!["lines"]!["items"]!;

        Assert.Equal(["key", .. NoteLineField.All.Select(f => f.Key)], line["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("项目承担单位", (string?)line["properties"]!["unit"]!["description"]);
        Assert.Equal("number", (string?)line["properties"]!["amount"]!["type"]);
    }
}

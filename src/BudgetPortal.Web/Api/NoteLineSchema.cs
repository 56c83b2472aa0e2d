using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetPortal.Web.Api;

/// <summary>
/// The OpenAPI schema of a note's lines, from the list of their fields (NoteLineField.All) as the file
/// form writes them (Documents/NoteLineJson): the generator cannot see through the converter, and the
/// fields are declared nowhere else.
/// </summary>
public static class NoteLineSchema
{
    public static OpenApiOptions DescribeNoteLines(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(NoteDoc) && schema.Properties is { } properties && properties.TryGetValue("lines", out var found) && found is OpenApiSchema lines)
                lines.Items = Line();
            return Task.CompletedTask;
        });

    private static OpenApiSchema Line()
    {
        var line = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "情况说明的一行：key，以及有值的各字段（无值的字段不写出）",
            Required = new HashSet<string> { "key" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["key"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "行的标识（收入来源、basic、project1、科目编码 …）" },
            },
        };
        foreach (var field in NoteLineField.All)
            line.Properties[field.Key] = field.IsText
                ? new OpenApiSchema { Type = JsonSchemaType.String, Description = field.Label, MaxLength = field.Limit }
                : new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double", Description = field.Kind == NoteFieldKind.Percent ? $"{field.Label}（%）" : $"{field.Label}（万元）" };
        return line;
    }
}

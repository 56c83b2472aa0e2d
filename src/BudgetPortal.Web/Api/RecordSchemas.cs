using BudgetPortal.Domain;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetPortal.Web.Api;

/// <summary>
/// The OpenAPI schemas of a note's lines and a sheet's indicators, from their lists of fields
/// (NoteLineField.Written, IndicatorField.All) as the file form writes them (Documents/RecordJson): the
/// generator cannot see through the converter, and the fields are declared nowhere else.
/// </summary>
public static class RecordSchemas
{
    public static OpenApiOptions DescribeRecords(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(NoteDoc))
                Describe(schema, "lines", Record(NoteLineField.Written, "情况说明的一行：key，以及有值的各字段（无值的字段不写出）"));
            else if (type == typeof(DepartmentSheetDoc) || type == typeof(ProjectSheetDoc))
                Describe(schema, "indicators", Record(IndicatorField.All, "绩效指标的一行：一级至三级指标和指标值，以及有值的各字段（无值的字段不写出；部门整体绩效目标表没有上年完成值、赋分规则和佐证资料）"));
            return Task.CompletedTask;
        });

    private static void Describe(OpenApiSchema schema, string list, OpenApiSchema items)
    {
        if (schema.Properties is { } properties && properties.TryGetValue(list, out var found) && found is OpenApiSchema array)
            array.Items = items;
    }

    private static OpenApiSchema Record<T>(IReadOnlyList<RecordField<T>> fields, string description)
    {
        var record = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Required = fields.Where(f => f.IsRequired).Select(f => f.Key).ToHashSet(),
            Properties = new Dictionary<string, IOpenApiSchema>(),
        };
        foreach (var field in fields)
            record.Properties[field.Key] = field.IsText
                ? new OpenApiSchema { Type = JsonSchemaType.String, Description = field.Label, MaxLength = field.Limit < int.MaxValue ? field.Limit : null }
                : new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double", Description = $"{field.Label}（{Unit(field.Kind)}）" };
        return record;
    }

    private static string Unit(FieldKind kind) => kind switch
    {
        FieldKind.Amount => "万元",
        FieldKind.Percent => "%",
        _ => "分",
    };
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetPortal.Domain.Documents;

/// <summary>
/// A record of the file form written and read field by field from its list of fields (a note line's
/// <c>NoteLineField.Written</c>, an indicator's <c>IndicatorField.All</c>): each field that has a value,
/// named by its key, in the list's order — the same JSON the form has always had
/// (docs/disclosure-format.md). Reading follows the serializer's options as the generated reader did:
/// names in any case, numbers also as strings, unknown names skipped; a required text may not be null.
/// </summary>
/// <param name="what">The record as messages name it: 情况说明行, 绩效指标.</param>
public sealed class RecordJson<T>(IReadOnlyList<RecordField<T>> fields, Func<T> blank, string what) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"{what}应为对象（{{ \"{fields[0].Key}\": … }}）。");
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var record = blank();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (fields.FirstOrDefault(f => string.Equals(f.Key, name, comparison)) is not { } field)
                reader.Skip();
            else if (field.IsText)
                field.SetText(record, reader.TokenType switch
                {
                    JsonTokenType.Null when !field.IsRequired => null,
                    JsonTokenType.String => reader.GetString(),
                    _ => throw new JsonException($"{what}的 {field.Key}（{field.Label}）应为文字。"),
                });
            else
                field.SetNumber(record, reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.Number => reader.GetDecimal(),
                    JsonTokenType.String when options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString)
                        && decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var typed) => typed,
                    _ => throw new JsonException($"{what}的 {field.Key}（{field.Label}）应为数值。"),
                });
        }
        return record;
    }

    public override void Write(Utf8JsonWriter writer, T record, JsonSerializerOptions options)
    {
        var skipNull = options.DefaultIgnoreCondition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault;
        writer.WriteStartObject();
        foreach (var field in fields)
        {
            if (skipNull && !field.HasValue(record)) continue;
            if (field.IsText) writer.WriteString(field.Key, field.Text(record));
            else if (field.Number(record) is { } number) writer.WriteNumber(field.Key, number);
            else writer.WriteNull(field.Key);
        }
        writer.WriteEndObject();
    }
}

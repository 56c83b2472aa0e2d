using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetPortal.Domain.Notes;

namespace BudgetPortal.Domain.Documents;

/// <summary>
/// A note line in the file form: <c>key</c>, then each field of <see cref="NoteLineField.All"/> that
/// has a value, named by its key, in that order — the same JSON the form has always had
/// (docs/disclosure-format.md). Reading follows the serializer's options as the generated reader did:
/// names in any case, numbers also as strings, unknown names skipped.
/// </summary>
public sealed class NoteLineJson : JsonConverter<NoteLine>
{
    private const string KeyName = "key";

    public override NoteLine Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("情况说明的行应为对象（{ \"key\": … }）。");
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var line = new NoteLine();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (string.Equals(name, KeyName, comparison))
                line.Key = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("情况说明行的 key 应为文字。");
            else if (NoteLineField.All.FirstOrDefault(f => string.Equals(f.Key, name, comparison)) is not { } field)
                reader.Skip();
            else if (field.IsText)
                field.SetText(line, reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => reader.GetString(),
                    _ => throw new JsonException($"情况说明行的 {field.Key}（{field.Label}）应为文字。"),
                });
            else
                field.SetNumber(line, reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.Number => reader.GetDecimal(),
                    JsonTokenType.String when options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString)
                        && decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var typed) => typed,
                    _ => throw new JsonException($"情况说明行的 {field.Key}（{field.Label}）应为数值。"),
                });
        }
        return line;
    }

    public override void Write(Utf8JsonWriter writer, NoteLine line, JsonSerializerOptions options)
    {
        var skipNull = options.DefaultIgnoreCondition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault;
        writer.WriteStartObject();
        writer.WriteString(KeyName, line.Key);
        foreach (var field in NoteLineField.All)
        {
            if (skipNull && !field.HasValue(line)) continue;
            if (field.IsText) writer.WriteString(field.Key, field.Text(line));
            else if (field.Number(line) is { } number) writer.WriteNumber(field.Key, number);
            else writer.WriteNull(field.Key);
        }
        writer.WriteEndObject();
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Etl.Core.Columns;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>
/// Row values as text, for overrides to <c>string</c>: scalars formatted invariantly (booleans <c>true</c>/<c>false</c>,
/// numbers in their shortest round-trip form, decimals with the column's scale, dates <c>yyyy-MM-dd</c>, timestamps ISO-8601 in UTC, binary as base64),
/// structs, arrays and maps as compact JSON text (struct fields by name; non-finite floating-point numbers as strings).
/// </summary>
internal static class ColumnText
{
    public static string Format(ColumnType type, object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        decimal d when type.Kind == ColumnKind.Decimal => d.ToString("F" + type.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => IsoTimestamps.Format(instant),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Json(type, value),
    };

    private static string Json(ColumnType type, object value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, type, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, ColumnType type, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long n:
                writer.WriteNumberValue(n);
                break;
            case int n:
                writer.WriteNumberValue(n);
                break;
            case double x when double.IsFinite(x):
                writer.WriteNumberValue(x);
                break;
            case float x when float.IsFinite(x):
                writer.WriteNumberValue(x);
                break;
            case decimal d:
                writer.WriteNumberValue(d);
                break;
            case double or float or DateOnly or DateTimeOffset or byte[]:
                writer.WriteStringValue(Format(type, value));
                break;
            case object?[] fields when type.Kind == ColumnKind.Struct:
                writer.WriteStartObject();
                for (var i = 0; i < fields.Length && i < type.Fields.Length; i++)
                {
                    writer.WritePropertyName(type.Fields[i].Name);
                    Write(writer, type.Fields[i].Type, fields[i]);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<KeyValuePair<object, object?>> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(Format(type.Key ?? ColumnType.String, k));
                    Write(writer, type.Value?.Type ?? ColumnType.String, v);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, type.Element?.Type ?? ColumnType.String, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

using System.Text.Json;
using Etl.Core.Columns;
using Etl.Core.Records;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Columns;
using Etl.SchemaGovernance.Avro.Schema;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.Host.Cli;

/// <summary>Turns a schema file into a payload → JSON text function for `etl inspect record --schema`.</summary>
internal static class PayloadDecoders
{
    /// <summary>
    /// A JSON Schema file validates the payload and reports the converted row; an Avro schema file (a JSON document whose
    /// root has an Avro "type" and no "$schema") decodes the binary payload into a row.
    /// </summary>
    public static Func<ReadOnlyMemory<byte>, string?> FromFile(string path)
    {
        var text = File.ReadAllText(path);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        var isAvro = root.ValueKind == JsonValueKind.String
            || root.ValueKind == JsonValueKind.Array
            || (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("$schema", out _) && root.TryGetProperty("type", out var t)
                && t.ValueKind == JsonValueKind.String && t.GetString() is "record" or "enum" or "fixed" or "array" or "map");
        if (isAvro)
        {
            var decoder = new AvroRowDecoder(AvroSchemaParser.Parse(text));
            return payload =>
            {
                try
                {
                    return RowJson.Write(decoder.Table, decoder.Decode(payload.Span));
                }
                catch (AvroDecodeException e)
                {
                    return JsonSerializer.Serialize(new { error = e.Message });
                }
            };
        }

        var converter = JsonRecordConverter.Compile(text, new SchemaVersionRef(Path.GetFileNameWithoutExtension(path), 1, Guid.Empty));
        return payload =>
        {
            var result = converter.Convert(new SourceRecord(payload, "", new StreamPosition("inspect", "0"), DateTimeOffset.UnixEpoch));
            return result.IsSuccess
                ? RowJson.Write(converter.Schema, result.Record!.Values)
                : JsonSerializer.Serialize(new { error = result.Reason!.ToString(), fieldPath = result.Reason.FieldPath, keyword = result.Reason.Keyword });
        };
    }
}

/// <summary>Writes a decoded row as a JSON object keyed by column name (timestamps ISO-8601, binary base64).</summary>
internal static class RowJson
{
    public static string Write(TableSchema schema, object?[] row)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteStruct(writer, schema.Columns, row);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStruct(Utf8JsonWriter writer, IReadOnlyList<ColumnField> fields, object?[] values)
    {
        writer.WriteStartObject();
        for (var i = 0; i < fields.Count; i++)
        {
            writer.WritePropertyName(fields[i].Name);
            WriteValue(writer, fields[i].Type, values[i]);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, ColumnType type, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case object?[] fields when type.Kind == ColumnKind.Struct: WriteStruct(writer, type.Fields, fields); break;
            case IReadOnlyList<KeyValuePair<object, object?>> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, type.Value!.Type, v);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable items when value is not string and not byte[]:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, type.Element?.Type ?? ColumnType.String, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }
}

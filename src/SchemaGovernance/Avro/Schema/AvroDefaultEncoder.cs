using System.Buffers;
using System.Text.Json;
using Etl.SchemaGovernance.Avro.Binary;

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>
/// Checks a field default (JSON, in the specification's default-value encoding) against the field type and encodes
/// it in Avro binary. Bytes and fixed defaults are strings whose code points 0-255 are the byte values; a union
/// default is taken by the first branch that accepts it (Avro 1.12; for 1.11 schemas that is the first branch).
/// </summary>
internal static class AvroDefaultEncoder
{
    public static byte[] Encode(AvroSchema schema, JsonElement value, string path)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var problem = TryWrite(schema, value, new AvroWriter(buffer), 0);
        if (problem is not null)
        {
            throw new AvroSchemaException($"invalid default value: {problem}", path);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the value; returns null on success or the reason it does not match.</summary>
    private static string? TryWrite(AvroSchema schema, JsonElement value, AvroWriter w, int depth)
    {
        if (depth > AvroLimits.MaxDepth)
        {
            return "the default nests too deeply";
        }

        switch (schema.Type)
        {
            case AvroType.Null:
                return value.ValueKind == JsonValueKind.Null ? null : Expected("null", value);
            case AvroType.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return Expected("a boolean", value);
                }

                w.WriteBoolean(value.GetBoolean());
                return null;
            case AvroType.Int:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var i))
                {
                    return Expected("a 32-bit integer", value);
                }

                w.WriteInt(i);
                return null;
            case AvroType.Long:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var l))
                {
                    return Expected("a 64-bit integer", value);
                }

                w.WriteLong(l);
                return null;
            case AvroType.Float:
                if (!TryGetFloating(value, out var f))
                {
                    return Expected("a number", value);
                }

                w.WriteFloat((float)f);
                return null;
            case AvroType.Double:
                if (!TryGetFloating(value, out var d))
                {
                    return Expected("a number", value);
                }

                w.WriteDouble(d);
                return null;
            case AvroType.String:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return Expected("a string", value);
                }

                w.WriteString(value.GetString()!);
                return null;
            case AvroType.Bytes:
                {
                    var bytes = Latin1Bytes(value);
                    if (bytes is null)
                    {
                        return Expected("a string of code points 0-255", value);
                    }

                    w.WriteBytes(bytes);
                    return null;
                }

            case AvroType.Fixed:
                {
                    var size = ((AvroFixedSchema)schema).Size;
                    var bytes = Latin1Bytes(value);
                    if (bytes is null || bytes.Length != size)
                    {
                        return Expected($"a string of {size} code points 0-255", value);
                    }

                    w.WriteRaw(bytes);
                    return null;
                }

            case AvroType.Enum:
                {
                    var e = (AvroEnumSchema)schema;
                    var index = value.ValueKind == JsonValueKind.String ? e.IndexOf(value.GetString()!) : -1;
                    if (index < 0)
                    {
                        return Expected($"a symbol of enum {e.FullName}", value);
                    }

                    w.WriteInt(index);
                    return null;
                }

            case AvroType.Array:
                {
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        return Expected("an array", value);
                    }

                    var items = ((AvroArraySchema)schema).Items;
                    var count = value.GetArrayLength();
                    if (count > 0)
                    {
                        w.WriteLong(count);
                        foreach (var item in value.EnumerateArray())
                        {
                            var problem = TryWrite(items, item, w, depth + 1);
                            if (problem is not null)
                            {
                                return problem;
                            }
                        }
                    }

                    w.WriteLong(0);
                    return null;
                }

            case AvroType.Map:
                {
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        return Expected("an object", value);
                    }

                    var values = ((AvroMapSchema)schema).Values;
                    var entries = value.EnumerateObject().ToList();
                    if (entries.Count > 0)
                    {
                        w.WriteLong(entries.Count);
                        foreach (var entry in entries)
                        {
                            w.WriteString(entry.Name);
                            var problem = TryWrite(values, entry.Value, w, depth + 1);
                            if (problem is not null)
                            {
                                return problem;
                            }
                        }
                    }

                    w.WriteLong(0);
                    return null;
                }

            case AvroType.Record:
                {
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        return Expected("an object", value);
                    }

                    var record = (AvroRecordSchema)schema;
                    foreach (var field in record.Fields)
                    {
                        if (value.TryGetProperty(field.Name, out var fieldValue))
                        {
                            var problem = TryWrite(field.Schema, fieldValue, w, depth + 1);
                            if (problem is not null)
                            {
                                return $"field '{field.Name}': {problem}";
                            }
                        }
                        else if (field.HasDefault)
                        {
                            var problem = TryWrite(field.Schema, field.DefaultJson!.Value, w, depth + 1);
                            if (problem is not null)
                            {
                                return $"field '{field.Name}': {problem}";
                            }
                        }
                        else
                        {
                            return $"no value for field '{field.Name}' of record {record.FullName}";
                        }
                    }

                    return null;
                }

            case AvroType.Union:
                {
                    var union = (AvroUnionSchema)schema;
                    for (var b = 0; b < union.Branches.Count; b++)
                    {
                        var attempt = new ArrayBufferWriter<byte>();
                        var attemptWriter = new AvroWriter(attempt);
                        attemptWriter.WriteInt(b);
                        if (TryWrite(union.Branches[b], value, attemptWriter, depth + 1) is null)
                        {
                            w.WriteRaw(attempt.WrittenSpan);
                            return null;
                        }
                    }

                    return Expected("a value of one of the union's branches", value);
                }

            default:
                return $"unknown schema type {schema.Type}";
        }
    }

    private static bool TryGetFloating(JsonElement value, out double result)
    {
        result = 0;
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetDouble(out result);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString())
            {
                case "NaN": result = double.NaN; return true;
                case "Infinity": result = double.PositiveInfinity; return true;
                case "-Infinity": result = double.NegativeInfinity; return true;
            }
        }

        return false;
    }

    private static byte[]? Latin1Bytes(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!;
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                return null;
            }

            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static string Expected(string what, JsonElement value) => $"expected {what}, found {AvroSchemaParseContext.Describe(value)}";
}

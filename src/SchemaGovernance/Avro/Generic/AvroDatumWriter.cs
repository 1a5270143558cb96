using System.Collections;
using System.Globalization;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Logical;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Generic;

/// <summary>
/// Encodes generic values in Avro binary. Accepted values per type: null; bool; int (int); long (long or int);
/// float (float, int, long); double (any of those); bytes (byte[] or ReadOnlyMemory&lt;byte&gt;); string (string);
/// record (<see cref="AvroRecord"/>, matched by field name when its schema is another one); enum
/// (<see cref="AvroEnumValue"/> or string); fixed (<see cref="AvroFixedValue"/> or byte[] of the size); array (any
/// non-string IEnumerable); map (IEnumerable of KeyValuePair&lt;string, object?&gt;). Logical values are accepted
/// too: DateTimeOffset for timestamps, DateOnly for date, decimal for decimal, Guid for uuid.
/// Union branches are chosen by <see cref="AvroUnionBranchSelector"/>.
/// </summary>
internal static class AvroDatumWriter
{
    public static byte[] Encode(AvroSchema schema, object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Write(schema, value, new AvroWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(AvroSchema schema, object? value, AvroWriter writer) => Write(schema, value, writer, "$", 0);

    private static void Write(AvroSchema schema, object? value, AvroWriter w, string path, int depth)
    {
        if (depth > AvroLimits.MaxDepth)
        {
            throw new AvroEncodeException($"the value nests deeper than {AvroLimits.MaxDepth} levels at {path}");
        }

        switch (schema.Type)
        {
            case AvroType.Null:
                if (value is not null)
                {
                    throw Mismatch(schema, value, path);
                }

                break;
            case AvroType.Boolean:
                w.WriteBoolean(value is bool b ? b : throw Mismatch(schema, value, path));
                break;
            case AvroType.Int:
                w.WriteInt(value switch
                {
                    int i => i,
                    DateOnly d when schema.LogicalType?.Kind == AvroLogicalKind.Date => AvroTimestamps.ToDays(d),
                    _ => throw Mismatch(schema, value, path),
                });
                break;
            case AvroType.Long:
                w.WriteLong(value switch
                {
                    long l => l,
                    int i => i,
                    DateTimeOffset t => schema.LogicalType?.Kind switch
                    {
                        AvroLogicalKind.TimestampMillis or AvroLogicalKind.LocalTimestampMillis => AvroTimestamps.ToMillis(t),
                        AvroLogicalKind.TimestampMicros or AvroLogicalKind.LocalTimestampMicros => AvroTimestamps.ToMicros(t),
                        _ => throw Mismatch(schema, value, path),
                    },
                    _ => throw Mismatch(schema, value, path),
                });
                break;
            case AvroType.Float:
                w.WriteFloat(value switch
                {
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(schema, value, path),
                });
                break;
            case AvroType.Double:
                w.WriteDouble(value switch
                {
                    double d => d,
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(schema, value, path),
                });
                break;
            case AvroType.Bytes:
                w.WriteBytes(value switch
                {
                    byte[] bytes => bytes,
                    ReadOnlyMemory<byte> memory => memory.Span,
                    decimal m when schema.LogicalType is { Kind: AvroLogicalKind.Decimal } lt => EncodeDecimal(m, lt, path),
                    _ => throw Mismatch(schema, value, path),
                });
                break;
            case AvroType.String:
                w.WriteString(value switch
                {
                    string s => s,
                    Guid g when schema.LogicalType?.Kind == AvroLogicalKind.Uuid => g.ToString("D", CultureInfo.InvariantCulture),
                    _ => throw Mismatch(schema, value, path),
                });
                break;
            case AvroType.Fixed:
                WriteFixed((AvroFixedSchema)schema, value, w, path);
                break;
            case AvroType.Enum:
                WriteEnum((AvroEnumSchema)schema, value, w, path);
                break;
            case AvroType.Record:
                WriteRecord((AvroRecordSchema)schema, value, w, path, depth);
                break;
            case AvroType.Array:
                WriteArray((AvroArraySchema)schema, value, w, path, depth);
                break;
            case AvroType.Map:
                WriteMap((AvroMapSchema)schema, value, w, path, depth);
                break;
            case AvroType.Union:
                var union = (AvroUnionSchema)schema;
                var branch = AvroUnionBranchSelector.Select(union, value);
                if (branch < 0)
                {
                    throw Mismatch(schema, value, path);
                }

                w.WriteInt(branch);
                Write(union.Branches[branch], value, w, path, depth + 1);
                break;
            default:
                throw new AvroEncodeException($"unknown schema type {schema.Type} at {path}");
        }
    }

    private static void WriteFixed(AvroFixedSchema schema, object? value, AvroWriter w, string path)
    {
        byte[] bytes = value switch
        {
            AvroFixedValue f => f.Bytes,
            byte[] b => b,
            Guid g when schema.LogicalType?.Kind == AvroLogicalKind.Uuid => g.ToByteArray(bigEndian: true),
            decimal m when schema.LogicalType is { Kind: AvroLogicalKind.Decimal } lt => SignExtend(EncodeDecimal(m, lt, path), schema.Size, path),
            _ => throw Mismatch(schema, value, path),
        };
        if (bytes.Length != schema.Size)
        {
            throw new AvroEncodeException($"fixed {schema.FullName} needs {schema.Size} bytes, the value has {bytes.Length} at {path}");
        }

        w.WriteRaw(bytes);
    }

    private static void WriteEnum(AvroEnumSchema schema, object? value, AvroWriter w, string path)
    {
        var symbol = value switch
        {
            AvroEnumValue e => e.Symbol,
            string s => s,
            _ => throw Mismatch(schema, value, path),
        };
        var index = schema.IndexOf(symbol);
        if (index < 0)
        {
            throw new AvroEncodeException($"'{symbol}' is not a symbol of enum {schema.FullName} at {path}");
        }

        w.WriteInt(index);
    }

    private static void WriteRecord(AvroRecordSchema schema, object? value, AvroWriter w, string path, int depth)
    {
        if (value is not AvroRecord record)
        {
            throw Mismatch(schema, value, path);
        }

        foreach (var field in schema.Fields)
        {
            object? fieldValue;
            if (ReferenceEquals(record.Schema, schema))
            {
                fieldValue = record.Values[field.Position];
            }
            else
            {
                var source = record.Schema.GetField(field.Name)
                    ?? throw new AvroEncodeException($"the record value of {record.Schema.FullName} has no field '{field.Name}' at {path}");
                fieldValue = record.Values[source.Position];
            }

            Write(field.Schema, fieldValue, w, path + "." + field.Name, depth + 1);
        }
    }

    private static void WriteArray(AvroArraySchema schema, object? value, AvroWriter w, string path, int depth)
    {
        if (value is not IEnumerable items || value is string || value is byte[] || value is IDictionary)
        {
            throw Mismatch(schema, value, path);
        }

        var list = items as ICollection ?? items.Cast<object?>().ToList();
        if (list.Count > 0)
        {
            w.WriteLong(list.Count);
            var i = 0;
            foreach (var item in list)
            {
                Write(schema.Items, item, w, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                i++;
            }
        }

        w.WriteLong(0);
    }

    private static void WriteMap(AvroMapSchema schema, object? value, AvroWriter w, string path, int depth)
    {
        if (value is not IEnumerable<KeyValuePair<string, object?>> entries)
        {
            throw Mismatch(schema, value, path);
        }

        var list = entries as IReadOnlyCollection<KeyValuePair<string, object?>> ?? entries.ToList();
        if (list.Count > 0)
        {
            w.WriteLong(list.Count);
            foreach (var (key, item) in list)
            {
                w.WriteString(key);
                Write(schema.Values, item, w, path + "[\"" + key + "\"]", depth + 1);
            }
        }

        w.WriteLong(0);
    }

    private static byte[] EncodeDecimal(decimal value, AvroLogicalType logicalType, string path)
    {
        try
        {
            return AvroDecimal.Encode(value, logicalType.Precision, logicalType.Scale);
        }
        catch (ArgumentException e)
        {
            throw new AvroEncodeException($"decimal({logicalType.Precision},{logicalType.Scale}) cannot hold {e.Message} at {path}");
        }
    }

    private static byte[] SignExtend(byte[] bytes, int size, string path)
    {
        if (bytes.Length > size)
        {
            throw new AvroEncodeException($"the decimal needs {bytes.Length} bytes, more than the fixed size {size} at {path}");
        }

        var result = new byte[size];
        var fill = bytes.Length > 0 && (bytes[0] & 0x80) != 0 ? (byte)0xFF : (byte)0;
        result.AsSpan(0, size - bytes.Length).Fill(fill);
        bytes.CopyTo(result, size - bytes.Length);
        return result;
    }

    private static AvroEncodeException Mismatch(AvroSchema schema, object? value, string path) =>
        new($"a {(value is null ? "null" : value.GetType().Name)} value does not fit schema {schema.DisplayName} at {path}");
}

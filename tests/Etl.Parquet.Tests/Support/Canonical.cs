using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Tests.Support;

/// <summary>
/// The canonical JSON form shared with tests/tools/parquet-readers.mjs: integers, dates (days), timestamps (units
/// since the epoch) and decimals (unscaled) as strings; floats as "NaN" or the hex bits of the double; binary as
/// hex; struct = array; list = array; map = array of [key, value].
/// </summary>
internal static class Canonical
{
    public static JsonArray Rows(ParquetSchema schema, IEnumerable<object?[]> rows)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var values = new JsonArray();
            for (var i = 0; i < schema.Fields.Count; i++)
            {
                values.Add(Value(schema.Fields[i], row[i]));
            }

            array.Add(values);
        }

        return array;
    }

    public static JsonNode? Value(ParquetField field, object? value)
    {
        if (value is null)
        {
            return null;
        }

        switch (field)
        {
            case PrimitiveField p:
                return Primitive(p, value);
            case StructField s:
                {
                    var values = (IReadOnlyList<object?>)value;
                    var array = new JsonArray();
                    for (var i = 0; i < s.Fields.Count; i++)
                    {
                        array.Add(Value(s.Fields[i], values[i]));
                    }

                    return array;
                }

            case ListField l:
                {
                    var array = new JsonArray();
                    foreach (var item in (IList)value)
                    {
                        array.Add(Value(l.Element, item));
                    }

                    return array;
                }

            case MapField m:
                {
                    var array = new JsonArray();
                    foreach (var (k, v) in (IReadOnlyList<KeyValuePair<object, object?>>)value)
                    {
                        array.Add(new JsonArray(Value(m.Key, k), Value(m.Value, v)));
                    }

                    return array;
                }

            default:
                throw new InvalidOperationException();
        }
    }

    private static JsonNode Primitive(PrimitiveField field, object value)
    {
        var c = CultureInfo.InvariantCulture;
        return value switch
        {
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i.ToString(c)),
            long l => JsonValue.Create(l.ToString(c)),
            float f => JsonValue.Create(Bits(f)),
            double d => JsonValue.Create(Bits(d)),
            decimal m => JsonValue.Create(DecimalMath.ToUnscaled(m, field.Precision, field.Scale).ToString(c)),
            string s => JsonValue.Create(s),
            byte[] bytes => JsonValue.Create(Convert.ToHexStringLower(bytes)),
            DateOnly date => JsonValue.Create(TemporalMath.ToDays(date).ToString(c)),
            DateTimeOffset t => JsonValue.Create(TemporalMath.ToUnix(t, field.TimestampUnit).ToString(c)),
            _ => throw new InvalidOperationException($"Unexpected {value.GetType().Name}."),
        };
    }

    private static string Bits(double d) => double.IsNaN(d) ? "NaN" : BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The schema as the Node script's field descriptors.</summary>
    public static JsonArray Schema(ParquetSchema schema)
    {
        var array = new JsonArray();
        foreach (var field in schema.Fields)
        {
            array.Add(Field(field));
        }

        return array;
    }

    private static JsonObject Field(ParquetField field)
    {
        var node = new JsonObject { ["name"] = field.Name, ["nullable"] = field.IsNullable };
        switch (field)
        {
            case PrimitiveField p:
                node["kind"] = p.Type switch
                {
                    ParquetColumnType.Boolean => "boolean",
                    ParquetColumnType.Int32 => "int32",
                    ParquetColumnType.Int64 => "int64",
                    ParquetColumnType.Float => "float",
                    ParquetColumnType.Double => "double",
                    ParquetColumnType.Decimal => "decimal",
                    ParquetColumnType.String => "string",
                    ParquetColumnType.Binary => "binary",
                    ParquetColumnType.Date => "date",
                    _ => "timestamp",
                };
                node["scale"] = p.Scale;
                node["unit"] = p.TimestampUnit == TimestampUnit.Micros ? "us" : "ms";
                break;
            case StructField s:
                node["kind"] = "struct";
                node["fields"] = new JsonArray([.. s.Fields.Select(f => (JsonNode)Field(f))]);
                break;
            case ListField l:
                node["kind"] = "list";
                node["element"] = Field(l.Element);
                break;
            case MapField m:
                node["kind"] = "map";
                node["key"] = Field(m.Key);
                node["value"] = Field(m.Value);
                break;
        }

        return node;
    }
}

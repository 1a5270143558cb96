using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Reading;

/// <summary>
/// Rebuilds a <see cref="ParquetSchema"/> from footer SchemaElements, mapping physical types and annotations (logical
/// or converted) to column types, and keeping the file's physical form per leaf.
/// </summary>
internal static class SchemaReader
{
    public static ParquetSchema Read(IReadOnlyList<SchemaElement> elements)
    {
        if (elements.Count < 2 || elements[0].NumChildren is not > 0)
        {
            throw new ParquetFormatException("Corrupt footer: the schema has no columns.");
        }

        var physical = new Dictionary<string, (PhysicalType, int)>(StringComparer.Ordinal);
        var index = 1;
        var fields = new List<ParquetField>();
        for (var i = 0; i < elements[0].NumChildren; i++)
        {
            fields.Add(ReadField(elements, ref index, "", physical, 0));
        }

        if (index != elements.Count)
        {
            throw new ParquetFormatException($"Corrupt footer: the schema lists {elements.Count} elements but the tree uses {index}.");
        }

        try
        {
            return new ParquetSchema(fields, (_, path) => physical[string.Join('.', path)]);
        }
        catch (ArgumentException ex)
        {
            throw new ParquetFormatException($"Corrupt footer: invalid schema ({ex.Message}).", ex);
        }
    }

    private static ParquetField ReadField(IReadOnlyList<SchemaElement> elements, ref int index, string parent, Dictionary<string, (PhysicalType, int)> physical, int depth, string? name = null)
    {
        if (index >= elements.Count)
        {
            throw new ParquetFormatException("Corrupt footer: the schema tree refers to more elements than it has.");
        }

        if (depth > 64)
        {
            throw new ParquetFormatException("Corrupt footer: the schema nests too deeply.");
        }

        var e = elements[index++];
        name ??= e.Name;
        var path = parent.Length == 0 ? name : $"{parent}.{name}";
        var nullable = e.Repetition != Repetition.Required;
        if (e.Repetition == Repetition.Repeated)
        {
            throw new ParquetFormatException($"Unsupported schema: '{path}' is a bare repeated field; only LIST and MAP annotated groups are read.");
        }

        if (e.NumChildren is null or 0 && e.Type is not null)
        {
            var field = Primitive(e, name, path, nullable);
            physical[path] = (e.Type.Value, e.TypeLength ?? 0);
            return field;
        }

        var children = e.NumChildren ?? 0;
        if (children <= 0)
        {
            throw new ParquetFormatException($"Corrupt footer: group '{path}' has no children.");
        }

        var isList = e.ConvertedType == ConvertedType.List || e.LogicalType?.Kind == LogicalKind.List;
        var isMap = e.ConvertedType is ConvertedType.Map or ConvertedType.MapKeyValue || e.LogicalType?.Kind == LogicalKind.Map;
        try
        {
            if (isList || isMap)
            {
                var repeated = children == 1 && index < elements.Count ? elements[index] : null;
                if (repeated is null || repeated.Repetition != Repetition.Repeated || repeated.NumChildren is not > 0)
                {
                    throw new ParquetFormatException($"Unsupported schema: '{path}' is not a standard 3-level {(isList ? "LIST" : "MAP")}.");
                }

                index++;
                var inner = $"{path}.{(isList ? "list" : "key_value")}";
                if (isList)
                {
                    if (repeated.NumChildren != 1)
                    {
                        throw new ParquetFormatException($"Unsupported schema: list '{path}' has a repeated group with {repeated.NumChildren} fields.");
                    }

                    var element = ReadField(elements, ref index, inner, physical, depth + 1, "element");
                    return new ListField(name, element, nullable);
                }

                if (repeated.NumChildren != 2)
                {
                    throw new ParquetFormatException($"Unsupported schema: map '{path}' has a key_value group with {repeated.NumChildren} fields.");
                }

                var key = ReadField(elements, ref index, inner, physical, depth + 1, "key") as PrimitiveField
                    ?? throw new ParquetFormatException($"Unsupported schema: map '{path}' has a non-primitive key.");
                var value = ReadField(elements, ref index, inner, physical, depth + 1, "value");
                return new MapField(name, key, value, nullable);
            }

            var fields = new List<ParquetField>(children);
            for (var i = 0; i < children; i++)
            {
                fields.Add(ReadField(elements, ref index, path, physical, depth + 1));
            }

            return new StructField(name, fields, nullable);
        }
        catch (ArgumentException ex)
        {
            throw new ParquetFormatException($"Corrupt footer: invalid group '{path}' ({ex.Message}).", ex);
        }
    }

    private static PrimitiveField Primitive(SchemaElement e, string name, string path, bool nullable)
    {
        var logical = e.LogicalType;
        var converted = e.ConvertedType;
        var isDecimal = logical?.Kind == LogicalKind.Decimal || converted == ConvertedType.Decimal;
        try
        {
            if (isDecimal && e.Type is PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.FixedLenByteArray or PhysicalType.ByteArray)
            {
                var precision = logical?.Kind == LogicalKind.Decimal ? logical.Precision : e.Precision ?? 0;
                var scale = logical?.Kind == LogicalKind.Decimal ? logical.Scale : e.Scale ?? 0;
                var encoding = e.Type == PhysicalType.FixedLenByteArray ? DecimalEncoding.FixedLenByteArray : DecimalEncoding.ByPrecision;
                return new PrimitiveField(name, ParquetColumnType.Decimal, nullable, precision, scale, encoding);
            }

            switch (e.Type)
            {
                case PhysicalType.Boolean:
                    return new PrimitiveField(name, ParquetColumnType.Boolean, nullable);
                case PhysicalType.Int32:
                    var isDate = logical?.Kind == LogicalKind.Date || converted == ConvertedType.Date;
                    return new PrimitiveField(name, isDate ? ParquetColumnType.Date : ParquetColumnType.Int32, nullable);
                case PhysicalType.Int64:
                    if (logical?.Kind == LogicalKind.Timestamp)
                    {
                        var unit = logical.TimeUnit switch { 1 => TimestampUnit.Millis, 2 => TimestampUnit.Micros, _ => TimestampUnit.Nanos };
                        return new PrimitiveField(name, ParquetColumnType.Timestamp, nullable, timestampUnit: unit);
                    }

                    if (converted is ConvertedType.TimestampMillis or ConvertedType.TimestampMicros)
                    {
                        var unit = converted == ConvertedType.TimestampMillis ? TimestampUnit.Millis : TimestampUnit.Micros;
                        return new PrimitiveField(name, ParquetColumnType.Timestamp, nullable, timestampUnit: unit);
                    }

                    return new PrimitiveField(name, ParquetColumnType.Int64, nullable);
                case PhysicalType.Float:
                    return new PrimitiveField(name, ParquetColumnType.Float, nullable);
                case PhysicalType.Double:
                    return new PrimitiveField(name, ParquetColumnType.Double, nullable);
                case PhysicalType.ByteArray:
                    var isString = logical?.Kind is LogicalKind.String or LogicalKind.Enum or LogicalKind.Json
                        || converted is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json;
                    return new PrimitiveField(name, isString ? ParquetColumnType.String : ParquetColumnType.Binary, nullable);
                case PhysicalType.FixedLenByteArray:
                    if (e.TypeLength is not > 0)
                    {
                        throw new ParquetFormatException($"Corrupt footer: FIXED_LEN_BYTE_ARRAY column '{path}' has no length.");
                    }

                    return new PrimitiveField(name, ParquetColumnType.Binary, nullable);
                default:
                    throw new ParquetFormatException($"Unsupported schema: column '{path}' has physical type {e.Type} (INT96 and unknown types are not read).");
            }
        }
        catch (ArgumentException ex)
        {
            throw new ParquetFormatException($"Corrupt footer: invalid column '{path}' ({ex.Message}).", ex);
        }
    }
}

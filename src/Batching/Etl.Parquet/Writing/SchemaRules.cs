using Etl.Parquet.Schema;

namespace Etl.Parquet.Writing;

/// <summary>
/// Rules a schema must meet to be written: lowercase names (Athena and Trino fold names to lowercase, so a
/// mixed-case name would not match its Glue column), no dots (they would make paths ambiguous), no nanosecond
/// timestamps.
/// </summary>
internal static class SchemaRules
{
    public static void ValidateForWriting(ParquetSchema schema)
    {
        foreach (var field in schema.Fields)
        {
            Validate(field, "");
        }
    }

    private static void Validate(ParquetField field, string parent)
    {
        var path = parent.Length == 0 ? field.Name : $"{parent}.{field.Name}";
        if (!string.Equals(field.Name, field.Name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            throw new ArgumentException($"Column '{path}' is not lowercase. Athena folds names to lowercase; name it '{field.Name.ToLowerInvariant()}'.");
        }

        if (field.Name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Column '{path}' contains a dot, which is not allowed in column names.");
        }

        switch (field)
        {
            case PrimitiveField { Type: ParquetColumnType.Timestamp, TimestampUnit: TimestampUnit.Nanos }:
                throw new ArgumentException($"Column '{path}': the writer writes MILLIS or MICROS timestamps, not NANOS.");
            case StructField s:
                foreach (var child in s.Fields)
                {
                    Validate(child, path);
                }

                break;
            case ListField l:
                Validate(l.Element, path);
                break;
            case MapField m:
                Validate(m.Key, path);
                Validate(m.Value, path);
                break;
        }
    }
}

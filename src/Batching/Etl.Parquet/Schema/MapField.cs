namespace Etl.Parquet.Schema;

/// <summary>
/// A 3-level MAP (Athena map). The key is a required primitive. Values are written and read as
/// <c>IReadOnlyList&lt;KeyValuePair&lt;object, object?&gt;&gt;</c>.
/// </summary>
public sealed class MapField : ParquetField
{
    public MapField(string name, PrimitiveField key, ParquetField value, bool isNullable = true)
        : base(name, isNullable)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.IsNullable)
        {
            throw new ArgumentException($"Map '{name}': the key must be required (not nullable).", nameof(key));
        }

        Key = key;
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    public PrimitiveField Key { get; }

    public ParquetField Value { get; }
}

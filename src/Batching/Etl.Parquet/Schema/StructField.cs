namespace Etl.Parquet.Schema;

/// <summary>A group of named fields (Athena struct). Rows are written and read as <c>object?[]</c>, one slot per field.</summary>
public sealed class StructField : ParquetField
{
    public StructField(string name, IReadOnlyList<ParquetField> fields, bool isNullable = true)
        : base(name, isNullable)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException($"Struct '{name}' needs at least one field.", nameof(fields));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!seen.Add(field.Name))
            {
                throw new ArgumentException($"Struct '{name}' has two fields named '{field.Name}'.", nameof(fields));
            }
        }

        Fields = [.. fields];
    }

    public IReadOnlyList<ParquetField> Fields { get; }
}

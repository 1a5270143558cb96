namespace Etl.Parquet.Schema;

/// <summary>A 3-level LIST (Athena array). Values are written and read as <c>IReadOnlyList&lt;object?&gt;</c>.</summary>
public sealed class ListField : ParquetField
{
    public ListField(string name, ParquetField element, bool isNullable = true)
        : base(name, isNullable)
    {
        Element = element ?? throw new ArgumentNullException(nameof(element));
    }

    public ParquetField Element { get; }
}

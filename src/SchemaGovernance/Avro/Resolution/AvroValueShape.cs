namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>The in-memory form a value reader produces.</summary>
internal enum AvroValueShape
{
    /// <summary>
    /// Generic Avro values: null, bool, int, long, float, double, byte[], string, <see cref="Generic.AvroRecord"/>,
    /// <see cref="Generic.AvroEnumValue"/>, <see cref="Generic.AvroFixedValue"/>, List&lt;object?&gt; for arrays and
    /// Dictionary&lt;string, object?&gt; for maps. Logical types keep their underlying representation.
    /// </summary>
    Generic,

    /// <summary>
    /// Column values as <see cref="Etl.Core.Columns.ColumnType"/> documents them, for the table that
    /// <see cref="Columns.AvroColumnMapper"/> derives from the reader schema.
    /// </summary>
    Columns,
}

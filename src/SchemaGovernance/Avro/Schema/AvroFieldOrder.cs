namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>The sort order of a record field (<c>order</c> attribute).</summary>
internal enum AvroFieldOrder
{
    Ascending,
    Descending,
    Ignore,
}

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A map from string keys to values of one schema.</summary>
internal sealed class AvroMapSchema(AvroSchema values) : AvroSchema(AvroType.Map, null)
{
    public AvroSchema Values { get; } = values;
}

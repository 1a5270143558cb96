namespace Etl.SchemaGovernance.Avro.Schema;

internal sealed class AvroArraySchema(AvroSchema items) : AvroSchema(AvroType.Array, null)
{
    public AvroSchema Items { get; } = items;
}

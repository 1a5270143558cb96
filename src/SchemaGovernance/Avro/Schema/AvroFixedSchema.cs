namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A fixed-size byte sequence type.</summary>
internal sealed class AvroFixedSchema : AvroNamedSchema
{
    public AvroFixedSchema(AvroName name, IReadOnlyList<AvroName> aliases, string? doc, int size, AvroLogicalType? logicalType)
        : base(AvroType.Fixed, name, aliases, doc, logicalType)
    {
        Size = size;
    }

    public int Size { get; }
}

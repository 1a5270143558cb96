using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Generic;

/// <summary>A generic fixed value: exactly <see cref="AvroFixedSchema.Size"/> bytes.</summary>
internal sealed class AvroFixedValue
{
    public AvroFixedValue(AvroFixedSchema schema, byte[] bytes)
    {
        if (bytes.Length != schema.Size)
        {
            throw new ArgumentException($"fixed {schema.FullName} holds {schema.Size} bytes, not {bytes.Length}", nameof(bytes));
        }

        Schema = schema;
        Bytes = bytes;
    }

    public AvroFixedSchema Schema { get; }

    public byte[] Bytes { get; }

    public override string ToString() => Convert.ToHexString(Bytes);
}

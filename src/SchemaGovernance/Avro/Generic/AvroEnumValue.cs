using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Generic;

/// <summary>A generic enum value: a symbol of <see cref="Schema"/>.</summary>
internal sealed record AvroEnumValue(AvroEnumSchema Schema, string Symbol)
{
    public override string ToString() => Symbol;
}

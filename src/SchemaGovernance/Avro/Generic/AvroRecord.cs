using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Generic;

/// <summary>A generic record value: one slot per field of <see cref="Schema"/>, in field order.</summary>
internal sealed class AvroRecord
{
    public AvroRecord(AvroRecordSchema schema, object?[] values)
    {
        if (values.Length != schema.Fields.Count)
        {
            throw new ArgumentException($"record {schema.FullName} has {schema.Fields.Count} fields, not {values.Length}", nameof(values));
        }

        Schema = schema;
        Values = values;
    }

    public AvroRecord(AvroRecordSchema schema)
        : this(schema, new object?[schema.Fields.Count])
    {
    }

    public AvroRecordSchema Schema { get; }

    public object?[] Values { get; }

    public object? this[int position]
    {
        get => Values[position];
        set => Values[position] = value;
    }

    public object? this[string field]
    {
        get => Values[PositionOf(field)];
        set => Values[PositionOf(field)] = value;
    }

    private int PositionOf(string field) =>
        Schema.GetField(field)?.Position ?? throw new KeyNotFoundException($"record {Schema.FullName} has no field '{field}'");

    public override string ToString() => $"{Schema.FullName}{{{string.Join(", ", Schema.Fields.Select(f => f.Name + "=" + Values[f.Position]))}}}";
}

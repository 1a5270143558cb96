using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>
/// Reads an enum index written with the writer's symbols and returns the reader's value: the same symbol, or the
/// reader's default when the reader lacks it (an error when there is no default).
/// </summary>
internal sealed class EnumValueReader : AvroValueReader
{
    private readonly object?[] _values;
    private readonly string[] _writerSymbols;

    public EnumValueReader(AvroEnumSchema writer, AvroEnumSchema reader, AvroValueShape shape)
    {
        _writerSymbols = [.. writer.Symbols];
        _values = new object?[writer.Symbols.Count];
        var defaultIndex = reader.Default is null ? -1 : reader.IndexOf(reader.Default);
        for (var i = 0; i < _values.Length; i++)
        {
            var index = reader.IndexOf(writer.Symbols[i]);
            if (index < 0)
            {
                index = defaultIndex;
            }

            _values[i] = index < 0
                ? null
                : shape == AvroValueShape.Generic ? new AvroEnumValue(reader, reader.Symbols[index]) : reader.Symbols[index];
        }
    }

    public override object? Read(ref AvroReader reader)
    {
        var start = reader.Position;
        var index = reader.ReadInt();
        if ((uint)index >= (uint)_values.Length)
        {
            throw reader.FailAt(start, $"enum index {index} is outside the writer's {_values.Length} symbols");
        }

        return _values[index] ?? throw reader.FailAt(start, $"the writer's symbol '{_writerSymbols[index]}' is not in the reader's enum, which has no default");
    }
}

/// <summary>Reads a fixed value: <see cref="AvroFixedValue"/> (generic) or byte[], decimal or UUID text (columns).</summary>
internal sealed class FixedValueReader(AvroFixedSchema reader, AvroValueShape shape) : AvroValueReader
{
    public override object? Read(ref AvroReader r)
    {
        var start = r.Position;
        var bytes = r.ReadRaw(reader.Size);
        if (shape == AvroValueShape.Generic)
        {
            return new AvroFixedValue(reader, bytes.ToArray());
        }

        return reader.LogicalType?.Kind == AvroLogicalKind.Decimal
            ? AvroLogicalConversion.Decimal(bytes, reader.LogicalType, ref r, start)
            : AvroLogicalConversion.ToColumnValue(bytes.ToArray(), reader, ref r, start);
    }
}

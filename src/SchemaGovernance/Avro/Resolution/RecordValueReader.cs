using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>
/// Reads a record: writer fields in writer order, each either stored into its reader slot or skipped; then reader
/// fields absent from the writer are filled from their defaults. Produces an <see cref="AvroRecord"/> (generic) or an
/// object?[] aligned with the reader fields (columns).
/// </summary>
internal sealed class RecordValueReader(AvroRecordSchema readerSchema, AvroValueShape shape) : AvroValueReader
{
    private (int Slot, AvroValueReader Reader)[] _steps = [];
    private StepKind[] _kinds = [];
    private (int Slot, ReadOnlyMemory<byte> Bytes, AvroValueReader Reader)[] _defaults = [];
    private readonly int _width = readerSchema.Fields.Count;

    internal void Complete((int Slot, AvroValueReader Reader)[] steps, (int Slot, ReadOnlyMemory<byte> Bytes, AvroValueReader Reader)[] defaults)
    {
        _steps = steps;
        _kinds = [.. steps.Select(step => step.Reader switch
        {
            LongValueReader => StepKind.Long,
            IntValueReader => StepKind.Int,
            DoubleValueReader => StepKind.Double,
            TimestampValueReader { Micros: false } => StepKind.TimestampMillis,
            _ => StepKind.Other,
        })];
        _defaults = defaults;
    }

    public override object? Read(ref AvroReader reader)
    {
        reader.EnterNested();
        var values = new object?[_width];
        var steps = _steps;
        var kinds = _kinds;
        for (var i = 0; i < steps.Length; i++)
        {
            // The common primitive readers are inlined here: one switch instead of a virtual call per field.
            var (slot, fieldReader) = steps[i];
            var value = kinds[i] switch
            {
                StepKind.Long => AvroBoxes.Long(reader.ReadLong()),
                StepKind.Int => AvroBoxes.Int(reader.ReadInt()),
                StepKind.Double => reader.ReadDouble(),
                StepKind.TimestampMillis => TimestampValueReader.ReadMillis(ref reader),
                _ => fieldReader.Read(ref reader),
            };
            if (slot >= 0)
            {
                values[slot] = value;
            }
        }

        foreach (var (slot, bytes, defaultReader) in _defaults)
        {
            var defaultInput = new AvroReader(bytes.Span) { Depth = reader.Depth };
            values[slot] = defaultReader.Read(ref defaultInput);
        }

        reader.ExitNested();
        return shape == AvroValueShape.Generic ? new AvroRecord(readerSchema, values) : values;
    }

    private enum StepKind : byte
    {
        Other,
        Long,
        Int,
        Double,
        TimestampMillis,
    }
}

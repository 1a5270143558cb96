using Etl.Core.Columns;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Resolution;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Columns;

/// <summary>
/// Decodes Avro binary written with a writer schema straight into rows for the table mapped from the reader schema:
/// one pass, no intermediate generic values, schema resolution applied when the schemas differ. Build once per
/// (writer, reader) pair; thread-safe.
/// </summary>
internal sealed class AvroRowDecoder
{
    private readonly AvroValueReader _plan;

    /// <summary>
    /// Throws <see cref="AvroMappingException"/> when the reader schema has no table form and
    /// <see cref="AvroResolutionException"/> when it cannot read the writer's data.
    /// </summary>
    public AvroRowDecoder(AvroSchema writer, AvroSchema? reader = null)
    {
        Writer = writer;
        Reader = reader ?? writer;
        Table = AvroColumnMapper.MapTable(Reader);
        _plan = AvroResolver.Build(Writer, Reader, AvroValueShape.Columns);
    }

    public AvroSchema Writer { get; }

    public AvroSchema Reader { get; }

    /// <summary>The columns that the decoded rows are aligned with.</summary>
    public TableSchema Table { get; }

    /// <summary>Decodes one datum filling <paramref name="data"/>; throws <see cref="AvroDecodeException"/> for bad data.</summary>
    public object?[] Decode(ReadOnlySpan<byte> data)
    {
        var reader = new AvroReader(data);
        var row = (object?[])_plan.Read(ref reader)!;
        if (!reader.IsAtEnd)
        {
            throw reader.Fail($"{reader.Remaining} bytes remain after the datum");
        }

        return row;
    }
}

using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Resolution;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Generic;

/// <summary>
/// Decodes Avro binary written with <see cref="Writer"/> into generic values shaped by <see cref="Reader"/>
/// (schema resolution when they differ). Build once per schema pair; thread-safe.
/// </summary>
internal sealed class AvroDatumReader
{
    private readonly AvroValueReader _plan;

    /// <summary>Throws <see cref="AvroResolutionException"/> when the reader cannot read the writer's data.</summary>
    public AvroDatumReader(AvroSchema writer, AvroSchema? reader = null)
    {
        Writer = writer;
        Reader = reader ?? writer;
        _plan = AvroResolver.Build(Writer, Reader, AvroValueShape.Generic);
    }

    public AvroSchema Writer { get; }

    public AvroSchema Reader { get; }

    /// <summary>Decodes exactly one datum that fills <paramref name="data"/>; trailing bytes are an error.</summary>
    public object? Read(ReadOnlySpan<byte> data)
    {
        var reader = new AvroReader(data);
        var value = _plan.Read(ref reader);
        if (!reader.IsAtEnd)
        {
            throw reader.Fail($"{reader.Remaining} bytes remain after the datum");
        }

        return value;
    }

    /// <summary>Decodes one datum at the reader's position (for sequences such as container blocks).</summary>
    public object? Read(ref AvroReader reader) => _plan.Read(ref reader);
}

using Etl.SchemaGovernance.Avro.Binary;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>
/// One node of a compiled read plan: reads a value written with the writer schema and returns it shaped by the reader
/// schema. Plans are immutable and thread-safe; build them once per (writer, reader) pair with <see cref="AvroResolver"/>.
/// </summary>
internal abstract class AvroValueReader
{
    public abstract object? Read(ref AvroReader reader);
}

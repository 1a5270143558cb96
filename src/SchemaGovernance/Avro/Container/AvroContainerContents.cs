using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Container;

/// <summary>What an object container file holds: its writer schema, codec, header metadata and the decoded values.</summary>
internal sealed record AvroContainerContents(
    AvroSchema WriterSchema,
    AvroCodec Codec,
    IReadOnlyDictionary<string, byte[]> Metadata,
    byte[] SyncMarker,
    IReadOnlyList<object?> Values);

namespace Etl.SchemaGovernance.Framing;

/// <summary>
/// One decoded record: the schema version it names, how its payload was stored, and the payload itself
/// (already inflated when it was compressed; otherwise a slice of the input, not a copy).
/// </summary>
/// <param name="SchemaVersionId">The schema version id from the header, or the configured default for a record without one.</param>
/// <param name="Compression">The compression byte of the header (<see cref="GsrCompression.None"/> for a record without one).</param>
/// <param name="Payload">The serialized datum (Avro binary or UTF-8 JSON).</param>
/// <param name="HadHeader">False when the record carried no header and the default schema version was applied.</param>
public readonly record struct GsrFrame(Guid SchemaVersionId, GsrCompression Compression, ReadOnlyMemory<byte> Payload, bool HadHeader = true);

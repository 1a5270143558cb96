namespace Etl.SchemaGovernance.Framing;

/// <summary>
/// Byte layout of a Glue Schema Registry frame: version byte 3, compression byte, the 16-byte schema version id in
/// big-endian UUID order (Java's most-significant long, then least-significant long), then the payload.
/// </summary>
public static class GsrWireFormat
{
    /// <summary>The only header version the registry writes.</summary>
    public const byte HeaderVersion = 0x03;

    /// <summary>Bytes before the payload: version, compression, schema version id.</summary>
    public const int HeaderLength = 18;

    /// <summary>Offset of the schema version id.</summary>
    public const int SchemaVersionIdOffset = 2;

    /// <summary>
    /// True when <paramref name="data"/> starts with a well-formed header (at least 18 bytes, version 3, compression
    /// 0 or 5), the same test the registry's deserializer applies before it claims a record.
    /// </summary>
    public static bool HasHeader(ReadOnlySpan<byte> data) =>
        data.Length >= HeaderLength
        && data[0] == HeaderVersion
        && (data[1] == (byte)GsrCompression.None || data[1] == (byte)GsrCompression.Zlib);

    /// <summary>Reads a schema version id stored in big-endian UUID order.</summary>
    public static Guid ReadSchemaVersionId(ReadOnlySpan<byte> sixteenBytes) =>
        new(sixteenBytes[..16], bigEndian: true);

    /// <summary>Writes a schema version id in big-endian UUID order (the canonical textual order of its bytes).</summary>
    public static void WriteSchemaVersionId(Guid id, Span<byte> destination)
    {
        if (!id.TryWriteBytes(destination, bigEndian: true, out _))
        {
            throw new ArgumentException("The destination needs 16 bytes.", nameof(destination));
        }
    }
}

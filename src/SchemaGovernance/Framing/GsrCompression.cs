namespace Etl.SchemaGovernance.Framing;

/// <summary>The compression byte of a Glue Schema Registry frame (offset 1).</summary>
public enum GsrCompression : byte
{
    /// <summary>0x00: the payload is stored as is.</summary>
    None = 0x00,

    /// <summary>0x05: the payload is a zlib stream (RFC 1950).</summary>
    Zlib = 0x05,
}

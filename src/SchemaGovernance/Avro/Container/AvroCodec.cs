namespace Etl.SchemaGovernance.Avro.Container;

/// <summary>Block compression codecs of object container files supported here.</summary>
internal enum AvroCodec
{
    /// <summary><c>null</c>: blocks are stored uncompressed.</summary>
    Null,

    /// <summary><c>deflate</c>: RFC 1951 raw deflate, no zlib header or checksum.</summary>
    Deflate,
}

using System.Buffers;
using System.IO.Compression;

namespace Etl.SchemaGovernance.Framing;

/// <summary>Builds Glue Schema Registry frames (header version 3, optional zlib compression).</summary>
public static class GsrFrameEncoder
{
    /// <summary>Frames <paramref name="payload"/> for <paramref name="schemaVersionId"/> into a new array.</summary>
    public static byte[] Encode(Guid schemaVersionId, ReadOnlySpan<byte> payload, GsrCompression compression = GsrCompression.None)
    {
        var writer = new ArrayBufferWriter<byte>(GsrWireFormat.HeaderLength + payload.Length);
        Encode(schemaVersionId, payload, compression, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Frames <paramref name="payload"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Encode(Guid schemaVersionId, ReadOnlySpan<byte> payload, GsrCompression compression, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (compression is not (GsrCompression.None or GsrCompression.Zlib))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "Only None and Zlib are defined.");
        }

        var header = destination.GetSpan(GsrWireFormat.HeaderLength);
        header[0] = GsrWireFormat.HeaderVersion;
        header[1] = (byte)compression;
        GsrWireFormat.WriteSchemaVersionId(schemaVersionId, header.Slice(GsrWireFormat.SchemaVersionIdOffset, 16));
        destination.Advance(GsrWireFormat.HeaderLength);

        if (compression == GsrCompression.None)
        {
            destination.Write(payload);
            return GsrWireFormat.HeaderLength + payload.Length;
        }

        using var sink = new BufferWriterStream(destination);
        using (var zlib = new ZLibStream(sink, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(payload);
        }

        return GsrWireFormat.HeaderLength + (int)sink.Written;
    }
}

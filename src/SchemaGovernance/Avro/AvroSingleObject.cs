using System.Buffers;
using System.Buffers.Binary;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro;

/// <summary>
/// The specification's single-object encoding: the marker <c>C3 01</c>, the writer schema's CRC-64-AVRO fingerprint
/// as 8 little-endian bytes, then the binary datum.
/// </summary>
internal static class AvroSingleObject
{
    public const int HeaderLength = 10;

    public static byte[] Encode(AvroSchema schema, object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var header = buffer.GetSpan(HeaderLength);
        header[0] = 0xC3;
        header[1] = 0x01;
        BinaryPrimitives.WriteUInt64LittleEndian(header[2..], AvroFingerprint.Of(schema));
        buffer.Advance(HeaderLength);
        AvroDatumWriter.Write(schema, value, new AvroWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the header; false when <paramref name="data"/> does not start with the marker and a full fingerprint.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> data, out ulong fingerprint)
    {
        fingerprint = 0;
        if (data.Length < HeaderLength || data[0] != 0xC3 || data[1] != 0x01)
        {
            return false;
        }

        fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(data[2..]);
        return true;
    }

    /// <summary>
    /// Decodes a single-object payload. <paramref name="writerSchemaFor"/> returns the writer schema for a fingerprint
    /// or null when it is unknown; <paramref name="reader"/> defaults to the writer schema. Compiles a read plan per
    /// call: on hot paths use the overload that takes cached <see cref="AvroDatumReader"/>s.
    /// </summary>
    public static object? Decode(ReadOnlySpan<byte> data, Func<ulong, AvroSchema?> writerSchemaFor, AvroSchema? reader = null) =>
        Decode(data, fingerprint => writerSchemaFor(fingerprint) is { } writer ? new AvroDatumReader(writer, reader) : null);

    /// <summary>Decodes a single-object payload with the datum reader (usually cached) that <paramref name="readerFor"/> returns for its fingerprint.</summary>
    public static object? Decode(ReadOnlySpan<byte> data, Func<ulong, AvroDatumReader?> readerFor)
    {
        if (!TryReadHeader(data, out var fingerprint))
        {
            throw new AvroDecodeException("the payload does not start with the single-object marker C3 01 and an 8-byte fingerprint", 0);
        }

        var datumReader = readerFor(fingerprint)
            ?? throw new AvroDecodeException($"no writer schema is known for fingerprint {fingerprint:x16}", 2);
        var reader0 = new AvroReader(data[HeaderLength..], HeaderLength);
        var value = datumReader.Read(ref reader0);
        if (!reader0.IsAtEnd)
        {
            throw reader0.Fail($"{reader0.Remaining} bytes remain after the datum");
        }

        return value;
    }
}

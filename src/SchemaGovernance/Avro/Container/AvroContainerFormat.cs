using System.Buffers;
using System.IO.Compression;
using Etl.SchemaGovernance.Avro.Binary;

namespace Etl.SchemaGovernance.Avro.Container;

/// <summary>Constants and block codec helpers shared by the container reader and writer.</summary>
internal static class AvroContainerFormat
{
    public const int SyncSize = 16;

    public static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;

    public static string CodecName(AvroCodec codec) => codec switch
    {
        AvroCodec.Null => "null",
        AvroCodec.Deflate => "deflate",
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "unknown codec"),
    };

    public static byte[] Compress(AvroCodec codec, ReadOnlySpan<byte> data)
    {
        if (codec == AvroCodec.Null)
        {
            return data.ToArray();
        }

        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Inflates a block, failing once the output would exceed <paramref name="maxBytes"/>.</summary>
    public static byte[] Decompress(AvroCodec codec, ReadOnlySpan<byte> data, long maxBytes, long position)
    {
        if (codec == AvroCodec.Null)
        {
            return data.ToArray();
        }

        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        var output = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var span = output.GetSpan(16 * 1024);
                var n = deflate.Read(span);
                if (n == 0)
                {
                    break;
                }

                output.Advance(n);
                if (output.WrittenCount > maxBytes)
                {
                    throw new AvroDecodeException($"a deflate block inflates beyond the {maxBytes}-byte limit", position);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new AvroDecodeException("a deflate block is corrupt", position, e);
        }

        return output.WrittenSpan.ToArray();
    }
}

using System.IO.Compression;

namespace Etl.Parquet.Compression;

/// <summary>Decompresses a page body to exactly the size its header announces (which also caps the output).</summary>
internal static class PageDecompressor
{
    private const int MaxPageSize = 1 << 30;

    public static byte[] Decompress(int codec, ReadOnlySpan<byte> input, int uncompressedSize, string what)
    {
        if (uncompressedSize is < 0 or > MaxPageSize)
        {
            throw new ParquetFormatException($"Corrupt {what}: uncompressed size {uncompressedSize} out of range.");
        }

        switch (codec)
        {
            case 0:
                if (input.Length != uncompressedSize)
                {
                    throw new ParquetFormatException($"Corrupt {what}: uncompressed page of {input.Length} bytes announces {uncompressedSize}.");
                }

                return input.ToArray();
            case 1:
                {
                    var output = new byte[uncompressedSize];
                    SnappyBlock.Decompress(input, output);
                    return output;
                }

            case 2:
                return Gunzip(input, uncompressedSize, what);
            default:
                throw new ParquetFormatException($"Unsupported codec {CodecName(codec)} in {what}; this reader handles UNCOMPRESSED, SNAPPY and GZIP.");
        }
    }

    public static string CodecName(int codec) => codec switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"codec {codec}",
    };

    private static byte[] Gunzip(ReadOnlySpan<byte> input, int uncompressedSize, string what)
    {
        var output = new byte[uncompressedSize];
        try
        {
            using var source = new MemoryStream(input.ToArray(), writable: false);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            var total = 0;
            while (total < output.Length)
            {
                var read = gzip.Read(output, total, output.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            // One more byte would mean the page is larger than announced: the cap holds and the page is corrupt.
            if (total != output.Length || gzip.ReadByte() >= 0)
            {
                throw new ParquetFormatException($"Corrupt {what}: gzip data does not match the announced size {uncompressedSize}.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ParquetFormatException($"Corrupt {what}: {ex.Message}", ex);
        }

        return output;
    }
}

using System.IO.Compression;

namespace Etl.Parquet.Compression;

/// <summary>Compresses page bodies with the chosen codec into a reusable buffer.</summary>
internal sealed class PageCompressor : IDisposable
{
    private readonly ParquetCompression _codec;
    private readonly CompressionLevel _gzipLevel;
    private readonly ByteBuffer _output = new(1 << 16);

    public PageCompressor(ParquetCompression codec, CompressionLevel gzipLevel)
    {
        _codec = codec;
        _gzipLevel = gzipLevel;
    }

    /// <summary>The compressed bytes, valid until the next call.</summary>
    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> page)
    {
        switch (_codec)
        {
            case ParquetCompression.Uncompressed:
                return page;
            case ParquetCompression.Snappy:
                {
                    _output.Clear();
                    var max = SnappyBlock.MaxCompressedLength(page.Length);
                    var written = SnappyBlock.Compress(page, _output.GetSpan(max)[..max]);
                    _output.Advance(written);
                    return _output.WrittenSpan;
                }

            case ParquetCompression.Gzip:
                {
                    _output.Clear();
                    using (var gzip = new GZipStream(new ByteBufferStream(_output), _gzipLevel, leaveOpen: false))
                    {
                        gzip.Write(page);
                    }

                    return _output.WrittenSpan;
                }

            default:
                throw new InvalidOperationException($"Unknown codec {_codec}.");
        }
    }

    public void Dispose() => _output.Dispose();
}

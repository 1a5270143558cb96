using System.Runtime.CompilerServices;
using Etl.Parquet.Columns;
using Etl.Parquet.Compression;
using Etl.Parquet.Encodings;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;
using Etl.Parquet.Thrift;

namespace Etl.Parquet.Writing;

/// <summary>
/// Encodes one column chunk: an optional dictionary page, then v1 data pages cut by uncompressed size at row
/// boundaries. Each chunk is dictionary-encoded when its dictionary stays under the limit and pays off, and PLAIN
/// otherwise. Holds the scratch buffers reused across chunks.
/// </summary>
internal sealed class ColumnChunkEncoder : IDisposable
{
    private readonly ParquetWriterOptions _options;
    private readonly PageCompressor _compressor;
    private readonly ByteBuffer _page = new(1 << 16);
    private readonly ByteBuffer _header = new(64);
    private readonly FixedWidthDictionary<int> _int32Dictionary = new();
    private readonly FixedWidthDictionary<long> _int64Dictionary = new();
    private readonly FixedWidthDictionary<float> _floatDictionary = new();
    private readonly FixedWidthDictionary<double> _doubleDictionary = new();
    private readonly ByteArrayDictionary _bytesDictionary = new();
    private const int DenseRange = 1 << 16;
    private int[] _indices = [];
    private long _int32Min;
    private long _int32Max;
    private long _int64Min;
    private long _int64Max;

    public ColumnChunkEncoder(ParquetWriterOptions options)
    {
        _options = options;
        _compressor = new PageCompressor(options.Compression, options.GzipLevel);
    }

    /// <summary>Appends the chunk's pages to <paramref name="output"/>; offsets in the result count from <paramref name="baseOffset"/>.</summary>
    public ColumnChunkInfo Encode(ColumnBuffer buffer, ByteBuffer output, long baseOffset)
    {
        var column = buffer.Column;
        var chunk = new ColumnChunkInfo
        {
            Type = column.PhysicalType,
            PathInSchema = [.. column.Path],
            Codec = (int)_options.Compression,
            NumValues = buffer.EntryCount,
            Statistics = new StatisticsInfo { NullCount = buffer.EntryCount - buffer.ValueCount },
        };

        var valueCount = buffer.ValueCount;
        if (_indices.Length < valueCount)
        {
            // Pooled, so the next writer (next file) reuses it.
            _indices = Pooled.Resize(_indices, Math.Max(valueCount, 1024), 0);
        }

        var start = output.Length;
        if (buffer is not ByteArrayColumnBuffer)
        {
            // Byte-array bounds come from the dictionary entries when there is one (fewer comparisons).
            Statistics(buffer, chunk.Statistics);
        }

        var dictionaryBitWidth = TryDictionary(buffer, chunk.Statistics, output, out var dictionaryUncompressed);
        if (dictionaryBitWidth > 0)
        {
            chunk.DictionaryPageOffset = baseOffset + start;
            chunk.Encodings = [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary];
        }
        else
        {
            if (buffer is ByteArrayColumnBuffer)
            {
                Statistics(buffer, chunk.Statistics);
            }

            chunk.Encodings = [ParquetEncoding.Plain, ParquetEncoding.Rle];
        }

        chunk.DataPageOffset = baseOffset + output.Length;
        long uncompressed = dictionaryUncompressed;
        WritePages(buffer, dictionaryBitWidth, output, ref uncompressed);
        chunk.TotalCompressedSize = output.Length - start;
        chunk.TotalUncompressedSize = uncompressed;
        return chunk;
    }

    /// <summary>Builds and writes the dictionary page; returns the index bit width, or 0 when PLAIN is used.</summary>
    private int TryDictionary(ColumnBuffer buffer, StatisticsInfo stats, ByteBuffer output, out long uncompressedBytes)
    {
        uncompressedBytes = 0;
        var valueCount = buffer.ValueCount;
        if (!_options.EnableDictionary || valueCount == 0 || buffer is BooleanColumnBuffer)
        {
            return 0;
        }

        var indices = _indices.AsSpan(0, valueCount);
        var limit = _options.DictionarySizeLimitBytes;
        int count;
        _page.Clear();
        switch (buffer)
        {
            case Int32ColumnBuffer b:
                if (!Build(_int32Dictionary, b.Values, indices, limit, _int32Min, _int32Max) || !PaysOff(_int32Dictionary.Count * 4L, b.ValueBytes, valueCount, _int32Dictionary.Count))
                {
                    return 0;
                }

                count = _int32Dictionary.Count;
                PlainEncoder.Fixed(_int32Dictionary.Uniques, _page);
                break;
            case Int64ColumnBuffer b:
                if (!Build(_int64Dictionary, b.Values, indices, limit, _int64Min, _int64Max) || !PaysOff(_int64Dictionary.Count * 8L, b.ValueBytes, valueCount, _int64Dictionary.Count))
                {
                    return 0;
                }

                count = _int64Dictionary.Count;
                PlainEncoder.Fixed(_int64Dictionary.Uniques, _page);
                break;
            case FloatColumnBuffer b:
                if (!_floatDictionary.TryBuild(b.Values, indices, limit) || !PaysOff(_floatDictionary.Count * 4L, b.ValueBytes, valueCount, _floatDictionary.Count))
                {
                    return 0;
                }

                count = _floatDictionary.Count;
                PlainEncoder.Fixed(_floatDictionary.Uniques, _page);
                break;
            case DoubleColumnBuffer b:
                if (!_doubleDictionary.TryBuild(b.Values, indices, limit) || !PaysOff(_doubleDictionary.Count * 8L, b.ValueBytes, valueCount, _doubleDictionary.Count))
                {
                    return 0;
                }

                count = _doubleDictionary.Count;
                PlainEncoder.Fixed(_doubleDictionary.Uniques, _page);
                break;
            case ByteArrayColumnBuffer b:
                var isFixed = b.Column.PhysicalType == PhysicalType.FixedLenByteArray;
                if (!_bytesDictionary.TryBuild(b.Data, b.Offsets, isFixed, indices, limit) || !PaysOff(_bytesDictionary.PlainBytes, b.ValueBytes, valueCount, _bytesDictionary.Count))
                {
                    return 0;
                }

                count = _bytesDictionary.Count;
                PlainEncoder.ByteArrayEntries(b.Data, b.Offsets, _bytesDictionary.FirstOccurrences, isFixed, _page);
                StatisticsCalculator.Bytes(b.Data, b.Offsets, _bytesDictionary.FirstOccurrences, useSubset: true, IsSignedBytes(b.Column), _options.MaxStatisticsValueBytes, stats);
                break;
            default:
                return 0;
        }

        var header = new PageHeader { Type = PageType.DictionaryPage, NumValues = count, Encoding = ParquetEncoding.Plain };
        uncompressedBytes = WritePage(header, output);
        return Math.Max(1, RleHybridEncoder.BitWidth(count - 1));
    }

    /// <summary>A dictionary is worth it when dictionary plus packed indices are smaller than the plain values.</summary>
    private static bool PaysOff(long dictionaryBytes, long plainBytes, int valueCount, int entries)
    {
        var indexBytes = (long)valueCount * Math.Max(1, RleHybridEncoder.BitWidth(entries - 1)) / 8;
        return dictionaryBytes + indexBytes < plainBytes;
    }

    /// <summary>Integers whose range fits a lookup table are mapped without hashing.</summary>
    private static bool Build<T>(FixedWidthDictionary<T> dictionary, ReadOnlySpan<T> values, Span<int> indices, int limit, long min, long max)
        where T : unmanaged
    {
        var range = (Int128)max - min;
        return range >= 0 && range < DenseRange
            ? dictionary.TryBuildDense(values, indices, limit, min, (int)range)
            : dictionary.TryBuild(values, indices, limit);
    }

    private static bool IsSignedBytes(ParquetColumn column) => column.Field.Type == ParquetColumnType.Decimal;

    private void Statistics(ColumnBuffer buffer, StatisticsInfo stats)
    {
        switch (buffer)
        {
            case BooleanColumnBuffer b:
                StatisticsCalculator.Boolean(b.Values, stats);
                break;
            case Int32ColumnBuffer b:
                StatisticsCalculator.Int32(b.Values, stats, out var min32, out var max32);
                (_int32Min, _int32Max) = (min32, max32);
                break;
            case Int64ColumnBuffer b:
                StatisticsCalculator.Int64(b.Values, stats, out _int64Min, out _int64Max);
                break;
            case FloatColumnBuffer b:
                StatisticsCalculator.Float(b.Values, stats);
                break;
            case DoubleColumnBuffer b:
                StatisticsCalculator.Double(b.Values, stats);
                break;
            case ByteArrayColumnBuffer b:
                StatisticsCalculator.Bytes(b.Data, b.Offsets, default, useSubset: false, IsSignedBytes(b.Column), _options.MaxStatisticsValueBytes, stats);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WritePages(ColumnBuffer buffer, int dictionaryBitWidth, ByteBuffer output, ref long uncompressed)
    {
        var entries = buffer.EntryCount;
        var definitions = buffer.DefinitionLevels;
        var repetitions = buffer.RepetitionLevels;
        var maxDefinition = buffer.MaxDefinitionLevel;
        var targetBits = (long)_options.PageSizeBytes * 8;
        var fixedBits = dictionaryBitWidth > 0 ? dictionaryBitWidth : FixedBits(buffer);
        var bytes = buffer as ByteArrayColumnBuffer;
        var offsets = bytes is null ? default : bytes.Offsets;
        int entry = 0, value = 0;
        do
        {
            int entryEnd = entry, valueEnd = value;
            long bits = 0;
            if (!buffer.HasLevels)
            {
                if (fixedBits > 0)
                {
                    valueEnd = (int)Math.Min(entries, value + Math.Max(1, targetBits / fixedBits));
                }
                else
                {
                    while (valueEnd < entries && bits < targetBits)
                    {
                        bits += (offsets[valueEnd + 1] - offsets[valueEnd] + 4) * 8L;
                        valueEnd++;
                    }
                }

                entryEnd = valueEnd;
            }
            else
            {
                while (entryEnd < entries)
                {
                    if (bits >= targetBits && (repetitions.IsEmpty || repetitions[entryEnd] == 0))
                    {
                        break;
                    }

                    if (definitions[entryEnd] == maxDefinition)
                    {
                        bits += fixedBits > 0 ? fixedBits : (offsets[valueEnd + 1] - offsets[valueEnd] + 4) * 8L;
                        valueEnd++;
                    }
                    else
                    {
                        bits += 2;
                    }

                    entryEnd++;
                }
            }

            _page.Clear();
            if (buffer.MaxRepetitionLevel > 0)
            {
                RleHybridEncoder.EncodeWithLength(repetitions[entry..entryEnd], RleHybridEncoder.BitWidth(buffer.MaxRepetitionLevel), _page);
            }

            if (maxDefinition > 0)
            {
                RleHybridEncoder.EncodeWithLength(definitions[entry..entryEnd], RleHybridEncoder.BitWidth(maxDefinition), _page);
            }

            if (dictionaryBitWidth > 0)
            {
                _page.WriteByte((byte)dictionaryBitWidth);
                RleHybridEncoder.Encode<int>(_indices.AsSpan(value, valueEnd - value), dictionaryBitWidth, _page);
            }
            else
            {
                PlainValues(buffer, value, valueEnd);
            }

            var header = new PageHeader
            {
                Type = PageType.DataPage,
                NumValues = entryEnd - entry,
                Encoding = dictionaryBitWidth > 0 ? ParquetEncoding.RleDictionary : ParquetEncoding.Plain,
            };
            uncompressed += WritePage(header, output);
            entry = entryEnd;
            value = valueEnd;
        }
        while (entry < entries);
    }

    private static int FixedBits(ColumnBuffer buffer) => buffer switch
    {
        BooleanColumnBuffer => 1,
        Int32ColumnBuffer or FloatColumnBuffer => 32,
        Int64ColumnBuffer or DoubleColumnBuffer => 64,
        ByteArrayColumnBuffer b when b.Column.PhysicalType == PhysicalType.FixedLenByteArray => b.Column.TypeLength * 8,
        _ => 0,
    };

    private void PlainValues(ColumnBuffer buffer, int from, int to)
    {
        switch (buffer)
        {
            case BooleanColumnBuffer b:
                PlainEncoder.Boolean(b.Values[from..to], _page);
                break;
            case Int32ColumnBuffer b:
                PlainEncoder.Fixed(b.Values[from..to], _page);
                break;
            case Int64ColumnBuffer b:
                PlainEncoder.Fixed(b.Values[from..to], _page);
                break;
            case FloatColumnBuffer b:
                PlainEncoder.Fixed(b.Values[from..to], _page);
                break;
            case DoubleColumnBuffer b:
                PlainEncoder.Fixed(b.Values[from..to], _page);
                break;
            case ByteArrayColumnBuffer b:
                PlainEncoder.ByteArrays(b.Data, b.Offsets, from, to, b.Column.PhysicalType == PhysicalType.FixedLenByteArray, _page);
                break;
        }
    }

    /// <summary>Compresses the page in <see cref="_page"/> and appends header and body; returns header + uncompressed size.</summary>
    private long WritePage(PageHeader header, ByteBuffer output)
    {
        var body = _compressor.Compress(_page.WrittenSpan);
        header.UncompressedPageSize = _page.Length;
        header.CompressedPageSize = body.Length;
        _header.Clear();
        header.Write(new CompactWriter(_header));
        output.Write(_header.WrittenSpan);
        output.Write(body);
        return _header.Length + (long)_page.Length;
    }

    public void Dispose()
    {
        _compressor.Dispose();
        _page.Dispose();
        _header.Dispose();
        Pooled.Return(_indices);
        _indices = [];
    }
}

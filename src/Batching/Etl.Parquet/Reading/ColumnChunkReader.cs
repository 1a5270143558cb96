using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Etl.Parquet.Columns;
using Etl.Parquet.Compression;
using Etl.Parquet.Encodings;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;
using Etl.Parquet.Thrift;

namespace Etl.Parquet.Reading;

/// <summary>
/// Decodes the pages of one column chunk (dictionary page, data pages v1 and v2; PLAIN, RLE_DICTIONARY /
/// PLAIN_DICTIONARY, RLE booleans, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and
/// BYTE_STREAM_SPLIT values) into a column buffer with its levels.
/// </summary>
internal sealed class ColumnChunkReader
{
    private readonly ParquetColumn _column;
    private readonly ColumnChunkInfo _chunk;
    private readonly string _what;
    private ColumnBuffer? _dictionary;

    public ColumnChunkReader(ParquetColumn column, ColumnChunkInfo chunk, int rowGroup)
    {
        _column = column;
        _chunk = chunk;
        _what = $"page in column '{column.DottedPath}' of row group {rowGroup}";
    }

    public void Read(byte[] data, ColumnBuffer target)
    {
        var pos = 0;
        long entries = 0;
        while (entries < _chunk.NumValues)
        {
            if (pos >= data.Length)
            {
                throw new ParquetFormatException($"Corrupt {_what}: the column chunk ends after {entries} of {_chunk.NumValues} values.");
            }

            var reader = new CompactReader(data, pos, data.Length - pos, "page header");
            var header = PageHeader.Read(reader);
            pos = reader.Position;
            if (header.CompressedPageSize > data.Length - pos)
            {
                throw new ParquetFormatException($"Corrupt {_what}: the page ({header.CompressedPageSize} bytes) runs past the column chunk.");
            }

            var body = data.AsSpan(pos, header.CompressedPageSize);
            pos += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionary(header, body);
                    break;
                case PageType.DataPage:
                    entries += ReadDataPageV1(header, body, target);
                    break;
                case PageType.DataPageV2:
                    entries += ReadDataPageV2(header, body, target);
                    break;
                default:
                    // Index pages carry nothing the reader needs.
                    break;
            }
        }
    }

    private void ReadDictionary(PageHeader header, ReadOnlySpan<byte> body)
    {
        var page = PageDecompressor.Decompress(_chunk.Codec, body, header.UncompressedPageSize, _what);
        _dictionary = ColumnBuffer.Create(_column);
        var consumed = ValueDecoder.Plain(page, header.NumValues, _column, _dictionary, _what);
        if (consumed > page.Length)
        {
            throw new ParquetFormatException($"Corrupt {_what}: dictionary page too short.");
        }
    }

    private int ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body, ColumnBuffer target)
    {
        var page = PageDecompressor.Decompress(_chunk.Codec, body, header.UncompressedPageSize, _what);
        var count = header.NumValues;
        var pos = 0;
        var repetition = Rent(_column.MaxRepetitionLevel > 0 ? count : 0);
        var definition = Rent(count);
        try
        {
            if (_column.MaxRepetitionLevel > 0)
            {
                pos += ReadLevelsWithLength(page.AsSpan(pos), _column.MaxRepetitionLevel, repetition.AsSpan(0, count));
            }

            var presentCount = count;
            if (_column.MaxDefinitionLevel > 0)
            {
                pos += ReadLevelsWithLength(page.AsSpan(pos), _column.MaxDefinitionLevel, definition.AsSpan(0, count));
                presentCount = CountPresent(definition.AsSpan(0, count));
            }

            AppendLevels(target, repetition, definition, count);
            DecodeValues(header.Encoding, page.AsSpan(pos), presentCount, target);
            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(repetition);
            ArrayPool<int>.Shared.Return(definition);
        }
    }

    private int ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body, ColumnBuffer target)
    {
        var levelBytes = header.RepetitionLevelsByteLength + (long)header.DefinitionLevelsByteLength;
        if (header.RepetitionLevelsByteLength < 0 || header.DefinitionLevelsByteLength < 0 || levelBytes > body.Length)
        {
            throw new ParquetFormatException($"Corrupt {_what}: level lengths exceed the page.");
        }

        var count = header.NumValues;
        var repetition = Rent(_column.MaxRepetitionLevel > 0 ? count : 0);
        var definition = Rent(count);
        try
        {
            var repBytes = body[..header.RepetitionLevelsByteLength];
            var defBytes = body.Slice(header.RepetitionLevelsByteLength, header.DefinitionLevelsByteLength);
            if (_column.MaxRepetitionLevel > 0)
            {
                RleHybridDecoder.Decode(repBytes, RleHybridEncoder.BitWidth(_column.MaxRepetitionLevel), repetition.AsSpan(0, count), _what);
            }

            var presentCount = count;
            if (_column.MaxDefinitionLevel > 0)
            {
                RleHybridDecoder.Decode(defBytes, RleHybridEncoder.BitWidth(_column.MaxDefinitionLevel), definition.AsSpan(0, count), _what);
                presentCount = CountPresent(definition.AsSpan(0, count));
            }

            var values = body[(int)levelBytes..];
            var uncompressedValues = header.UncompressedPageSize - (int)levelBytes;
            var page = header.IsCompressed ? PageDecompressor.Decompress(_chunk.Codec, values, uncompressedValues, _what) : values.ToArray();
            AppendLevels(target, repetition, definition, count);
            DecodeValues(header.Encoding, page, presentCount, target);
            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(repetition);
            ArrayPool<int>.Shared.Return(definition);
        }
    }

    private void AppendLevels(ColumnBuffer target, int[] repetition, int[] definition, int count)
    {
        if (!target.HasLevels)
        {
            return;
        }

        var rep = new byte[_column.MaxRepetitionLevel > 0 ? count : 0];
        var def = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var d = definition[i];
            if (d > _column.MaxDefinitionLevel || (rep.Length > 0 && repetition[i] > _column.MaxRepetitionLevel))
            {
                throw new ParquetFormatException($"Corrupt {_what}: a level exceeds the column's maximum.");
            }

            def[i] = (byte)d;
            if (rep.Length > 0)
            {
                rep[i] = (byte)repetition[i];
            }
        }

        if (rep.Length > 0 && count > 0 && target.EntryCount == 0 && rep[0] != 0)
        {
            throw new ParquetFormatException($"Corrupt {_what}: the first value does not start a row.");
        }

        target.AppendLevels(rep, def);
    }

    private int CountPresent(ReadOnlySpan<int> definition)
    {
        var present = 0;
        foreach (var d in definition)
        {
            if (d == _column.MaxDefinitionLevel)
            {
                present++;
            }
        }

        return present;
    }

    private int ReadLevelsWithLength(ReadOnlySpan<byte> data, int maxLevel, Span<int> output)
    {
        if (data.Length < 4)
        {
            throw new ParquetFormatException($"Corrupt {_what}: missing level length.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new ParquetFormatException($"Corrupt {_what}: level length {length} out of range.");
        }

        RleHybridDecoder.Decode(data.Slice(4, length), RleHybridEncoder.BitWidth(maxLevel), output, _what);
        return 4 + length;
    }

    private void DecodeValues(ParquetEncoding encoding, ReadOnlySpan<byte> data, int count, ColumnBuffer target)
    {
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                ValueDecoder.Plain(data, count, _column, target, _what);
                break;
            case ParquetEncoding.RleDictionary or ParquetEncoding.PlainDictionary:
                DecodeDictionaryIndices(data, count, target);
                break;
            case ParquetEncoding.Rle when _column.PhysicalType == PhysicalType.Boolean:
                ValueDecoder.RleBooleans(data, count, (BooleanColumnBuffer)target, _what);
                break;
            case ParquetEncoding.DeltaBinaryPacked:
                DeltaDecoder.BinaryPacked(data, count, _column, target, _what);
                break;
            case ParquetEncoding.DeltaLengthByteArray:
                DeltaDecoder.LengthByteArray(data, count, (ByteArrayColumnBuffer)target, _what);
                break;
            case ParquetEncoding.DeltaByteArray:
                DeltaDecoder.ByteArray(data, count, (ByteArrayColumnBuffer)target, _what);
                break;
            case ParquetEncoding.ByteStreamSplit:
                ValueDecoder.ByteStreamSplit(data, count, _column, target, _what);
                break;
            default:
                throw new ParquetFormatException($"Unsupported encoding {encoding} in {_what}.");
        }
    }

    private void DecodeDictionaryIndices(ReadOnlySpan<byte> data, int count, ColumnBuffer target)
    {
        if (_dictionary is null)
        {
            throw new ParquetFormatException($"Corrupt {_what}: dictionary-encoded page without a dictionary page.");
        }

        if (count == 0)
        {
            return;
        }

        if (data.IsEmpty)
        {
            throw new ParquetFormatException($"Corrupt {_what}: missing dictionary index bit width.");
        }

        var indices = Rent(count);
        try
        {
            RleHybridDecoder.Decode(data[1..], data[0], indices.AsSpan(0, count), _what);
            var size = _dictionary.ValueCount;
            for (var i = 0; i < count; i++)
            {
                if ((uint)indices[i] >= (uint)size)
                {
                    throw new ParquetFormatException($"Corrupt {_what}: dictionary index {indices[i]} beyond {size} entries.");
                }
            }

            ValueDecoder.FromDictionary(_dictionary, indices.AsSpan(0, count), target);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static int[] Rent(int count) => ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
}

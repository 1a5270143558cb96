using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Etl.Parquet.Compression;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Reading;

/// <summary>
/// The JSON behind <c>etl inspect parquet FILE</c>: file facts, schema (with levels and annotations), key-value
/// metadata, and per row group the column chunks with sizes, encodings, codec and decoded statistics.
/// </summary>
public static class ParquetInspector
{
    /// <summary>Inspects a file by path.</summary>
    public static string InspectJson(string path)
    {
        using var reader = ParquetReader.Open(path);
        return InspectJson(reader);
    }

    /// <summary>Inspects a seekable stream (left open).</summary>
    public static string InspectJson(Stream stream)
    {
        using var reader = ParquetReader.Open(stream, leaveOpen: true);
        return InspectJson(reader);
    }

    public static string InspectJson(ParquetReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            Write(reader, json);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void Write(ParquetReader reader, Utf8JsonWriter json)
    {
        var metadata = reader.Metadata;
        json.WriteStartObject();
        json.WriteNumber("file_size", reader.FileLength);
        json.WriteNumber("format_version", metadata.Version);
        json.WriteString("created_by", metadata.CreatedBy);
        json.WriteNumber("num_rows", metadata.NumRows);
        json.WriteNumber("num_row_groups", metadata.RowGroups.Count);
        json.WriteStartArray("schema");
        foreach (var field in reader.Schema.Fields)
        {
            WriteField(field, json);
        }

        json.WriteEndArray();
        json.WriteStartArray("columns");
        foreach (var column in reader.Schema.Columns)
        {
            json.WriteStartObject();
            json.WriteString("path", column.DottedPath);
            json.WriteString("type", TypeName(column.Field));
            json.WriteString("physical_type", PhysicalName(column.PhysicalType));
            if (column.TypeLength > 0)
            {
                json.WriteNumber("type_length", column.TypeLength);
            }

            json.WriteNumber("max_definition_level", column.MaxDefinitionLevel);
            json.WriteNumber("max_repetition_level", column.MaxRepetitionLevel);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("key_value_metadata");
        foreach (var (key, value) in metadata.KeyValueMetadata)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteStartArray("row_groups");
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var group = metadata.RowGroups[g];
            json.WriteStartObject();
            json.WriteNumber("index", g);
            json.WriteNumber("num_rows", group.NumRows);
            json.WriteNumber("total_byte_size", group.TotalByteSize);
            json.WriteNumber("total_compressed_size", group.TotalCompressedSize ?? group.Columns.Sum(c => c.TotalCompressedSize));
            json.WriteStartArray("columns");
            for (var c = 0; c < group.Columns.Count; c++)
            {
                WriteChunk(reader.Schema.Columns[c], group.Columns[c], json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteField(ParquetField field, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("name", field.Name);
        json.WriteBoolean("nullable", field.IsNullable);
        switch (field)
        {
            case PrimitiveField p:
                json.WriteString("type", TypeName(p));
                break;
            case StructField s:
                json.WriteString("type", "struct");
                json.WriteStartArray("fields");
                foreach (var child in s.Fields)
                {
                    WriteField(child, json);
                }

                json.WriteEndArray();
                break;
            case ListField l:
                json.WriteString("type", "array");
                json.WritePropertyName("element");
                WriteField(l.Element, json);
                break;
            case MapField m:
                json.WriteString("type", "map");
                json.WritePropertyName("key");
                WriteField(m.Key, json);
                json.WritePropertyName("value");
                WriteField(m.Value, json);
                break;
        }

        json.WriteEndObject();
    }

    private static void WriteChunk(ParquetColumn column, ColumnChunkInfo chunk, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("path", column.DottedPath);
        json.WriteString("physical_type", PhysicalName(chunk.Type));
        json.WriteString("codec", PageDecompressor.CodecName(chunk.Codec));
        json.WriteStartArray("encodings");
        foreach (var encoding in chunk.Encodings)
        {
            json.WriteStringValue(EncodingName(encoding));
        }

        json.WriteEndArray();
        json.WriteNumber("num_values", chunk.NumValues);
        json.WriteNumber("total_uncompressed_size", chunk.TotalUncompressedSize);
        json.WriteNumber("total_compressed_size", chunk.TotalCompressedSize);
        json.WriteNumber("data_page_offset", chunk.DataPageOffset);
        if (chunk.DictionaryPageOffset is { } dictionary)
        {
            json.WriteNumber("dictionary_page_offset", dictionary);
        }

        if (chunk.Statistics is { } stats)
        {
            json.WriteStartObject("statistics");
            if (stats.NullCount is { } nulls)
            {
                json.WriteNumber("null_count", nulls);
            }

            if (stats.DistinctCount is { } distinct)
            {
                json.WriteNumber("distinct_count", distinct);
            }

            if (stats.NanCount is { } nans)
            {
                json.WriteNumber("nan_count", nans);
            }

            if ((stats.MinValue ?? stats.LegacyMin) is { } min)
            {
                json.WriteString("min", Render(column, min));
            }

            if ((stats.MaxValue ?? stats.LegacyMax) is { } max)
            {
                json.WriteString("max", Render(column, max));
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>A statistics bound as text in the column's own type (hex for binary or undecodable bytes).</summary>
    private static string Render(ParquetColumn column, byte[] value)
    {
        var field = column.Field;
        var c = CultureInfo.InvariantCulture;
        try
        {
            return (column.PhysicalType, value.Length) switch
            {
                (PhysicalType.Boolean, 1) => value[0] != 0 ? "true" : "false",
                (PhysicalType.Int32, 4) => field.Type switch
                {
                    ParquetColumnType.Date => TemporalMath.FromDays(BinaryPrimitives.ReadInt32LittleEndian(value)).ToString("yyyy-MM-dd", c),
                    ParquetColumnType.Decimal => DecimalMath.FromUnscaled(BinaryPrimitives.ReadInt32LittleEndian(value), field.Scale).ToString(c),
                    _ => BinaryPrimitives.ReadInt32LittleEndian(value).ToString(c),
                },
                (PhysicalType.Int64, 8) => field.Type switch
                {
                    ParquetColumnType.Timestamp => TemporalMath.FromUnix(BinaryPrimitives.ReadInt64LittleEndian(value), field.TimestampUnit).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", c),
                    ParquetColumnType.Decimal => DecimalMath.FromUnscaled(BinaryPrimitives.ReadInt64LittleEndian(value), field.Scale).ToString(c),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(value).ToString(c),
                },
                (PhysicalType.Float, 4) => BinaryPrimitives.ReadSingleLittleEndian(value).ToString("R", c),
                (PhysicalType.Double, 8) => BinaryPrimitives.ReadDoubleLittleEndian(value).ToString("R", c),
                (PhysicalType.ByteArray or PhysicalType.FixedLenByteArray, <= 16) when field.Type == ParquetColumnType.Decimal =>
                    DecimalMath.FromUnscaled(DecimalMath.ReadBigEndian(value), field.Scale).ToString(c),
                (PhysicalType.ByteArray, _) when field.Type == ParquetColumnType.String => Encoding.UTF8.GetString(value),
                _ => "0x" + Convert.ToHexString(value),
            };
        }
        catch (OverflowException)
        {
            return "0x" + Convert.ToHexString(value);
        }
    }

    private static string TypeName(PrimitiveField field) => field.Type switch
    {
        ParquetColumnType.Decimal => $"decimal({field.Precision},{field.Scale})",
        ParquetColumnType.Timestamp => $"timestamp({field.TimestampUnit.ToString().ToLowerInvariant()})",
        ParquetColumnType.Int32 => "int",
        ParquetColumnType.Int64 => "bigint",
        _ => field.Type.ToString().ToLowerInvariant(),
    };

    private static string PhysicalName(PhysicalType type) => type switch
    {
        PhysicalType.Boolean => "BOOLEAN",
        PhysicalType.Int32 => "INT32",
        PhysicalType.Int64 => "INT64",
        PhysicalType.Int96 => "INT96",
        PhysicalType.Float => "FLOAT",
        PhysicalType.Double => "DOUBLE",
        PhysicalType.ByteArray => "BYTE_ARRAY",
        PhysicalType.FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
        _ => $"TYPE_{(int)type}",
    };

    private static string EncodingName(ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.Plain => "PLAIN",
        ParquetEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ParquetEncoding.Rle => "RLE",
        ParquetEncoding.BitPacked => "BIT_PACKED",
        ParquetEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ParquetEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ParquetEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ParquetEncoding.RleDictionary => "RLE_DICTIONARY",
        ParquetEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => $"ENCODING_{(int)encoding}",
    };
}

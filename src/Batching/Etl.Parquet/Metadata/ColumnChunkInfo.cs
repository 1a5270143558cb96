using Etl.Parquet.Thrift;

namespace Etl.Parquet.Metadata;

/// <summary>ColumnChunk with its (in practice required) ColumnMetaData flattened in.</summary>
internal sealed class ColumnChunkInfo
{
    public PhysicalType Type { get; set; }

    public List<ParquetEncoding> Encodings { get; set; } = [];

    public List<string> PathInSchema { get; set; } = [];

    public int Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public long DataPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public StatisticsInfo? Statistics { get; set; }

    public bool HasMetaData { get; private set; }

    /// <summary>Where the chunk starts: the dictionary page if there is one, else the first data page.</summary>
    public long StartOffset => DictionaryPageOffset is { } d && d > 0 && d < DataPageOffset ? d : DataPageOffset;

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.FieldI64(2, 0);
        w.FieldStruct(3);
        w.FieldI32(1, (int)Type);
        w.FieldList(2, CompactType.I32, Encodings.Count);
        foreach (var encoding in Encodings)
        {
            w.I32((int)encoding);
        }

        w.FieldList(3, CompactType.Binary, PathInSchema.Count);
        foreach (var part in PathInSchema)
        {
            w.String(part);
        }

        w.FieldI32(4, Codec);
        w.FieldI64(5, NumValues);
        w.FieldI64(6, TotalUncompressedSize);
        w.FieldI64(7, TotalCompressedSize);
        w.FieldI64(9, DataPageOffset);
        if (DictionaryPageOffset is { } dictionary)
        {
            w.FieldI64(11, dictionary);
        }

        Statistics?.Write(w, 12);
        w.EndStruct();
        w.EndStruct();
    }

    public static ColumnChunkInfo Read(CompactReader r)
    {
        var c = new ColumnChunkInfo();
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            if (id == 3 && type == CompactType.Struct)
            {
                ReadMetaData(r, c);
            }
            else
            {
                r.Skip(type);
            }
        }

        r.EndStruct();
        if (!c.HasMetaData)
        {
            throw r.Corrupt("column chunk without meta_data");
        }

        return c;
    }

    private static void ReadMetaData(CompactReader r, ColumnChunkInfo c)
    {
        c.HasMetaData = true;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    c.Type = (PhysicalType)r.ReadI32();
                    break;
                case 2 when type == CompactType.List:
                    {
                        var count = r.ReadListHeader(out _);
                        for (var i = 0; i < count; i++)
                        {
                            c.Encodings.Add((ParquetEncoding)r.ReadI32());
                        }

                        break;
                    }

                case 3 when type == CompactType.List:
                    {
                        var count = r.ReadListHeader(out _);
                        for (var i = 0; i < count; i++)
                        {
                            c.PathInSchema.Add(r.ReadString());
                        }

                        break;
                    }

                case 4 when type == CompactType.I32:
                    c.Codec = r.ReadI32();
                    break;
                case 5 when type == CompactType.I64:
                    c.NumValues = r.ReadI64();
                    break;
                case 6 when type == CompactType.I64:
                    c.TotalUncompressedSize = r.ReadI64();
                    break;
                case 7 when type == CompactType.I64:
                    c.TotalCompressedSize = r.ReadI64();
                    break;
                case 9 when type == CompactType.I64:
                    c.DataPageOffset = r.ReadI64();
                    break;
                case 11 when type == CompactType.I64:
                    c.DictionaryPageOffset = r.ReadI64();
                    break;
                case 12 when type == CompactType.Struct:
                    c.Statistics = StatisticsInfo.Read(r);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
    }
}

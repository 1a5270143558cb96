using Etl.Parquet.Thrift;

namespace Etl.Parquet.Metadata;

internal sealed class RowGroupInfo
{
    public List<ColumnChunkInfo> Columns { get; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.FieldList(1, CompactType.Struct, Columns.Count);
        foreach (var column in Columns)
        {
            column.Write(w);
        }

        w.FieldI64(2, TotalByteSize);
        w.FieldI64(3, NumRows);
        if (FileOffset is { } offset)
        {
            w.FieldI64(5, offset);
        }

        if (TotalCompressedSize is { } compressed)
        {
            w.FieldI64(6, compressed);
        }

        if (Ordinal is { } ordinal)
        {
            w.FieldHeader(7, CompactType.I16);
            w.I32(ordinal);
        }

        w.EndStruct();
    }

    public static RowGroupInfo Read(CompactReader r)
    {
        var g = new RowGroupInfo();
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.List:
                    {
                        var count = r.ReadListHeader(out _);
                        for (var i = 0; i < count; i++)
                        {
                            g.Columns.Add(ColumnChunkInfo.Read(r));
                        }

                        break;
                    }

                case 2 when type == CompactType.I64:
                    g.TotalByteSize = r.ReadI64();
                    break;
                case 3 when type == CompactType.I64:
                    g.NumRows = r.ReadI64();
                    break;
                case 5 when type == CompactType.I64:
                    g.FileOffset = r.ReadI64();
                    break;
                case 6 when type == CompactType.I64:
                    g.TotalCompressedSize = r.ReadI64();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        return g;
    }
}

using Etl.Parquet.Thrift;

namespace Etl.Parquet.Metadata;

/// <summary>The footer: schema, row groups, key-value metadata, created_by and column orders.</summary>
internal sealed class FileMetaDataInfo
{
    public int Version { get; set; } = 1;

    public List<SchemaElement> Schema { get; } = [];

    public long NumRows { get; set; }

    public List<RowGroupInfo> RowGroups { get; } = [];

    public List<KeyValuePair<string, string?>> KeyValueMetadata { get; } = [];

    public string? CreatedBy { get; set; }

    /// <summary>ColumnOrder union member per leaf (1 = TYPE_ORDER); written for every leaf.</summary>
    public List<int> ColumnOrders { get; } = [];

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.FieldI32(1, Version);
        w.FieldList(2, CompactType.Struct, Schema.Count);
        foreach (var element in Schema)
        {
            element.Write(w);
        }

        w.FieldI64(3, NumRows);
        w.FieldList(4, CompactType.Struct, RowGroups.Count);
        foreach (var group in RowGroups)
        {
            group.Write(w);
        }

        if (KeyValueMetadata.Count > 0)
        {
            w.FieldList(5, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var (key, value) in KeyValueMetadata)
            {
                w.BeginStruct();
                w.FieldString(1, key);
                if (value is not null)
                {
                    w.FieldString(2, value);
                }

                w.EndStruct();
            }
        }

        if (CreatedBy is not null)
        {
            w.FieldString(6, CreatedBy);
        }

        if (ColumnOrders.Count > 0)
        {
            w.FieldList(7, CompactType.Struct, ColumnOrders.Count);
            foreach (var order in ColumnOrders)
            {
                w.BeginStruct();
                w.FieldEmptyStruct((short)order);
                w.EndStruct();
            }
        }

        w.EndStruct();
    }

    public static FileMetaDataInfo Read(CompactReader r)
    {
        var m = new FileMetaDataInfo();
        bool hasSchema = false, hasRows = false, hasGroups = false;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    m.Version = r.ReadI32();
                    break;
                case 2 when type == CompactType.List:
                    {
                        hasSchema = true;
                        var count = r.ReadListHeader(out _);
                        for (var i = 0; i < count; i++)
                        {
                            m.Schema.Add(SchemaElement.Read(r));
                        }

                        break;
                    }

                case 3 when type == CompactType.I64:
                    m.NumRows = r.ReadI64();
                    hasRows = true;
                    break;
                case 4 when type == CompactType.List:
                    {
                        hasGroups = true;
                        var count = r.ReadListHeader(out _);
                        for (var i = 0; i < count; i++)
                        {
                            m.RowGroups.Add(RowGroupInfo.Read(r));
                        }

                        break;
                    }

                case 5 when type == CompactType.List:
                    {
                        var count = r.ReadListHeader(out _);
                        for (var i = 0; i < count; i++)
                        {
                            m.KeyValueMetadata.Add(ReadKeyValue(r));
                        }

                        break;
                    }

                case 6 when type == CompactType.Binary:
                    m.CreatedBy = r.ReadString();
                    break;
                case 7 when type == CompactType.List:
                    {
                        var count = r.ReadListHeader(out _);
                        for (var i = 0; i < count; i++)
                        {
                            m.ColumnOrders.Add(ReadUnionMember(r));
                        }

                        break;
                    }

                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        if (!hasSchema || !hasRows || !hasGroups)
        {
            throw r.Corrupt("a required footer field (schema, num_rows or row_groups) is missing");
        }

        return m;
    }

    private static KeyValuePair<string, string?> ReadKeyValue(CompactReader r)
    {
        string? key = null, value = null;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    key = r.ReadString();
                    break;
                case 2 when type == CompactType.Binary:
                    value = r.ReadString();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        return new(key ?? throw r.Corrupt("key-value entry without a key"), value);
    }

    private static int ReadUnionMember(CompactReader r)
    {
        var member = 0;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            member = id;
            r.Skip(type);
        }

        r.EndStruct();
        return member;
    }
}

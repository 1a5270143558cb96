using Etl.Parquet.Thrift;

namespace Etl.Parquet.Metadata;

/// <summary>The header before every page; sizes exclude the header itself.</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    /// <summary>Values in a data page (v1 or v2) or entries in a dictionary page, including nulls.</summary>
    public int NumValues { get; set; }

    /// <summary>Value encoding of the page (dictionary pages: PLAIN).</summary>
    public ParquetEncoding Encoding { get; set; }

    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    // Data page v2 only.
    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    public bool HasTypedHeader { get; private set; }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.FieldI32(1, (int)Type);
        w.FieldI32(2, UncompressedPageSize);
        w.FieldI32(3, CompressedPageSize);
        switch (Type)
        {
            case PageType.DataPage:
                w.FieldStruct(5);
                w.FieldI32(1, NumValues);
                w.FieldI32(2, (int)Encoding);
                w.FieldI32(3, (int)DefinitionLevelEncoding);
                w.FieldI32(4, (int)RepetitionLevelEncoding);
                w.EndStruct();
                break;
            case PageType.DictionaryPage:
                w.FieldStruct(7);
                w.FieldI32(1, NumValues);
                w.FieldI32(2, (int)Encoding);
                w.EndStruct();
                break;
            default:
                throw new InvalidOperationException($"The writer does not produce {Type} pages.");
        }

        w.EndStruct();
    }

    public static PageHeader Read(CompactReader r)
    {
        var h = new PageHeader();
        bool hasType = false, hasUncompressed = false, hasCompressed = false;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    h.Type = (PageType)r.ReadI32();
                    hasType = true;
                    break;
                case 2 when type == CompactType.I32:
                    h.UncompressedPageSize = r.ReadI32();
                    hasUncompressed = true;
                    break;
                case 3 when type == CompactType.I32:
                    h.CompressedPageSize = r.ReadI32();
                    hasCompressed = true;
                    break;
                case 5 when type == CompactType.Struct:
                    ReadDataPageV1(r, h);
                    break;
                case 7 when type == CompactType.Struct:
                    ReadDictionaryPage(r, h);
                    break;
                case 8 when type == CompactType.Struct:
                    ReadDataPageV2(r, h);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        if (!hasType || !hasUncompressed || !hasCompressed)
        {
            throw r.Corrupt("a required page header field is missing");
        }

        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0 || h.NumValues < 0)
        {
            throw r.Corrupt("negative page size or value count");
        }

        return h;
    }

    private static void ReadDataPageV1(CompactReader r, PageHeader h)
    {
        h.HasTypedHeader = true;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    h.NumValues = r.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    h.Encoding = (ParquetEncoding)r.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    h.DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32();
                    break;
                case 4 when type == CompactType.I32:
                    h.RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
    }

    private static void ReadDictionaryPage(CompactReader r, PageHeader h)
    {
        h.HasTypedHeader = true;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    h.NumValues = r.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    h.Encoding = (ParquetEncoding)r.ReadI32();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
    }

    private static void ReadDataPageV2(CompactReader r, PageHeader h)
    {
        h.HasTypedHeader = true;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    h.NumValues = r.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    h.NumNulls = r.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    h.NumRows = r.ReadI32();
                    break;
                case 4 when type == CompactType.I32:
                    h.Encoding = (ParquetEncoding)r.ReadI32();
                    break;
                case 5 when type == CompactType.I32:
                    h.DefinitionLevelsByteLength = r.ReadI32();
                    break;
                case 6 when type == CompactType.I32:
                    h.RepetitionLevelsByteLength = r.ReadI32();
                    break;
                case 7 when type is CompactType.BooleanTrue or CompactType.BooleanFalse:
                    h.IsCompressed = r.ReadBool(type);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
    }
}

using Etl.Parquet.Thrift;

namespace Etl.Parquet.Metadata;

/// <summary>Column chunk statistics: min_value/max_value (PLAIN bytes, no length prefix), null and NaN counts.</summary>
internal sealed class StatisticsInfo
{
    public byte[]? LegacyMax { get; set; }

    public byte[]? LegacyMin { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }

    public long? NanCount { get; set; }

    public void Write(CompactWriter w, short fieldId)
    {
        w.FieldStruct(fieldId);
        if (NullCount is { } nulls)
        {
            w.FieldI64(3, nulls);
        }

        if (DistinctCount is { } distinct)
        {
            w.FieldI64(4, distinct);
        }

        if (MaxValue is { } max)
        {
            w.FieldBinary(5, max);
        }

        if (MinValue is { } min)
        {
            w.FieldBinary(6, min);
        }

        if (NanCount is { } nans)
        {
            w.FieldI64(9, nans);
        }

        w.EndStruct();
    }

    public static StatisticsInfo Read(CompactReader r)
    {
        var s = new StatisticsInfo();
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    s.LegacyMax = r.ReadBinary();
                    break;
                case 2 when type == CompactType.Binary:
                    s.LegacyMin = r.ReadBinary();
                    break;
                case 3 when type == CompactType.I64:
                    s.NullCount = r.ReadI64();
                    break;
                case 4 when type == CompactType.I64:
                    s.DistinctCount = r.ReadI64();
                    break;
                case 5 when type == CompactType.Binary:
                    s.MaxValue = r.ReadBinary();
                    break;
                case 6 when type == CompactType.Binary:
                    s.MinValue = r.ReadBinary();
                    break;
                case 9 when type == CompactType.I64:
                    s.NanCount = r.ReadI64();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        return s;
    }
}

using Etl.Parquet.Thrift;

namespace Etl.Parquet.Metadata;

internal enum LogicalKind
{
    None = 0,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
}

/// <summary>The LogicalType union of a schema element, with the parameters of the members that have any.</summary>
internal sealed class LogicalTypeInfo
{
    public LogicalKind Kind { get; init; }

    public int Scale { get; init; }

    public int Precision { get; init; }

    public bool IsAdjustedToUtc { get; init; }

    /// <summary>1 = millis, 2 = micros, 3 = nanos (the TimeUnit union member id).</summary>
    public int TimeUnit { get; init; }

    public int BitWidth { get; init; }

    public bool IsSigned { get; init; }

    public void Write(CompactWriter w, short fieldId)
    {
        w.FieldStruct(fieldId);
        switch (Kind)
        {
            case LogicalKind.Decimal:
                w.FieldStruct((short)Kind);
                w.FieldI32(1, Scale);
                w.FieldI32(2, Precision);
                w.EndStruct();
                break;
            case LogicalKind.Time:
            case LogicalKind.Timestamp:
                w.FieldStruct((short)Kind);
                w.FieldBool(1, IsAdjustedToUtc);
                w.FieldStruct(2);
                w.FieldEmptyStruct((short)TimeUnit);
                w.EndStruct();
                w.EndStruct();
                break;
            case LogicalKind.Integer:
                w.FieldStruct((short)Kind);
                w.FieldByte(1, (sbyte)BitWidth);
                w.FieldBool(2, IsSigned);
                w.EndStruct();
                break;
            default:
                w.FieldEmptyStruct((short)Kind);
                break;
        }

        w.EndStruct();
    }

    public static LogicalTypeInfo Read(CompactReader r)
    {
        LogicalTypeInfo? result = null;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            if (type != CompactType.Struct)
            {
                r.Skip(type);
                continue;
            }

            result = ReadMember((LogicalKind)id, r);
        }

        r.EndStruct();
        return result ?? new LogicalTypeInfo { Kind = LogicalKind.Unknown };
    }

    private static LogicalTypeInfo ReadMember(LogicalKind kind, CompactReader r)
    {
        int scale = 0, precision = 0, unit = 0, bitWidth = 0;
        bool adjusted = false, signed = false;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (kind, id)
            {
                case (LogicalKind.Decimal, 1) when type == CompactType.I32:
                    scale = r.ReadI32();
                    break;
                case (LogicalKind.Decimal, 2) when type == CompactType.I32:
                    precision = r.ReadI32();
                    break;
                case (LogicalKind.Time or LogicalKind.Timestamp, 1) when type is CompactType.BooleanTrue or CompactType.BooleanFalse:
                    adjusted = r.ReadBool(type);
                    break;
                case (LogicalKind.Time or LogicalKind.Timestamp, 2) when type == CompactType.Struct:
                    unit = ReadUnionMemberId(r);
                    break;
                case (LogicalKind.Integer, 1) when type == CompactType.Byte:
                    bitWidth = (sbyte)r.ReadByte();
                    break;
                case (LogicalKind.Integer, 2) when type is CompactType.BooleanTrue or CompactType.BooleanFalse:
                    signed = r.ReadBool(type);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        return new LogicalTypeInfo
        {
            Kind = Enum.IsDefined(kind) ? kind : LogicalKind.Unknown,
            Scale = scale,
            Precision = precision,
            IsAdjustedToUtc = adjusted,
            TimeUnit = unit,
            BitWidth = bitWidth,
            IsSigned = signed,
        };
    }

    private static int ReadUnionMemberId(CompactReader r)
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

using Etl.Parquet.Thrift;

namespace Etl.Parquet.Metadata;

/// <summary>One node of the flattened (depth-first) Parquet schema in the footer.</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public int? TypeLength { get; set; }

    public Repetition? Repetition { get; set; }

    public string Name { get; set; } = "";

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public int? Scale { get; set; }

    public int? Precision { get; set; }

    public int? FieldId { get; set; }

    public LogicalTypeInfo? LogicalType { get; set; }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } type)
        {
            w.FieldI32(1, (int)type);
        }

        if (TypeLength is { } length)
        {
            w.FieldI32(2, length);
        }

        if (Repetition is { } repetition)
        {
            w.FieldI32(3, (int)repetition);
        }

        w.FieldString(4, Name);
        if (NumChildren is { } children)
        {
            w.FieldI32(5, children);
        }

        if (ConvertedType is { } converted)
        {
            w.FieldI32(6, (int)converted);
        }

        if (Scale is { } scale)
        {
            w.FieldI32(7, scale);
        }

        if (Precision is { } precision)
        {
            w.FieldI32(8, precision);
        }

        if (FieldId is { } fieldId)
        {
            w.FieldI32(9, fieldId);
        }

        LogicalType?.Write(w, 10);
        w.EndStruct();
    }

    public static SchemaElement Read(CompactReader r)
    {
        var e = new SchemaElement();
        var hasName = false;
        r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    e.Type = (PhysicalType)r.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    e.TypeLength = r.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    e.Repetition = (Repetition)r.ReadI32();
                    break;
                case 4 when type == CompactType.Binary:
                    e.Name = r.ReadString();
                    hasName = true;
                    break;
                case 5 when type == CompactType.I32:
                    e.NumChildren = r.ReadI32();
                    break;
                case 6 when type == CompactType.I32:
                    e.ConvertedType = (ConvertedType)r.ReadI32();
                    break;
                case 7 when type == CompactType.I32:
                    e.Scale = r.ReadI32();
                    break;
                case 8 when type == CompactType.I32:
                    e.Precision = r.ReadI32();
                    break;
                case 9 when type == CompactType.I32:
                    e.FieldId = r.ReadI32();
                    break;
                case 10 when type == CompactType.Struct:
                    e.LogicalType = LogicalTypeInfo.Read(r);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        if (!hasName)
        {
            throw r.Corrupt("schema element without a name");
        }

        return e;
    }
}

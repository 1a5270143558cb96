using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Etl.Core.Columns;

/// <summary>
/// A column's type, independent of any file format. Built by the schema mappers (Avro, JSON Schema) and consumed by
/// the Parquet writer and the catalog (through <see cref="ToHiveType"/>).
/// </summary>
/// <remarks>
/// In-memory value representation used by <see cref="Records.DecodedRecord"/> rows:
/// Boolean → <see cref="bool"/>; Int32 → <see cref="int"/>; Int64 → <see cref="long"/>; Float → <see cref="float"/>;
/// Double → <see cref="double"/>; Decimal → <see cref="decimal"/>; String → <see cref="string"/>;
/// Binary → <see cref="byte"/>[]; Date → <see cref="DateOnly"/>; Timestamp → <see cref="DateTimeOffset"/> (UTC);
/// Struct → <see cref="object"/>?[] aligned with <see cref="Fields"/>; List → <see cref="IReadOnlyList{T}"/> of object?;
/// Map → <see cref="IReadOnlyList{T}"/> of <see cref="KeyValuePair{TKey,TValue}"/> (object, object?). Null is null.
/// </remarks>
public sealed record ColumnType
{
    private ColumnType(ColumnKind kind) => Kind = kind;

    public ColumnKind Kind { get; }

    /// <summary>Decimal precision (1..38); 0 for other kinds.</summary>
    public int Precision { get; private init; }

    /// <summary>Decimal scale (0..precision); 0 for other kinds.</summary>
    public int Scale { get; private init; }

    /// <summary>Struct fields, in order; empty for other kinds.</summary>
    public ImmutableArray<ColumnField> Fields { get; private init; } = ImmutableArray<ColumnField>.Empty;

    /// <summary>List element (the element's nullability is on the field); null for other kinds.</summary>
    public ColumnField? Element { get; private init; }

    /// <summary>Map key type (keys are never null); null for other kinds.</summary>
    public ColumnType? Key { get; private init; }

    /// <summary>Map value (its nullability is on the field); null for other kinds.</summary>
    public ColumnField? Value { get; private init; }

    public static ColumnType Boolean { get; } = new(ColumnKind.Boolean);
    public static ColumnType Int32 { get; } = new(ColumnKind.Int32);
    public static ColumnType Int64 { get; } = new(ColumnKind.Int64);
    public static ColumnType Float { get; } = new(ColumnKind.Float);
    public static ColumnType Double { get; } = new(ColumnKind.Double);
    public static ColumnType String { get; } = new(ColumnKind.String);
    public static ColumnType Binary { get; } = new(ColumnKind.Binary);
    public static ColumnType Date { get; } = new(ColumnKind.Date);
    public static ColumnType Timestamp { get; } = new(ColumnKind.Timestamp);

    public static ColumnType DecimalOf(int precision, int scale)
    {
        if (precision is < 1 or > 38)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "decimal precision must be between 1 and 38");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "decimal scale must be between 0 and the precision");
        }

        return new ColumnType(ColumnKind.Decimal) { Precision = precision, Scale = scale };
    }

    public static ColumnType StructOf(IEnumerable<ColumnField> fields) =>
        new(ColumnKind.Struct) { Fields = [.. fields] };

    public static ColumnType ListOf(ColumnType element, bool elementNullable = true) =>
        new(ColumnKind.List) { Element = new ColumnField("element", element, elementNullable) };

    public static ColumnType MapOf(ColumnType key, ColumnType value, bool valueNullable = true) =>
        new(ColumnKind.Map) { Key = key, Value = new ColumnField("value", value, valueNullable) };

    /// <summary>The Hive / Athena DDL type, e.g. <c>bigint</c>, <c>decimal(10,2)</c>, <c>struct&lt;a:int,b:array&lt;string&gt;&gt;</c>.</summary>
    public string ToHiveType()
    {
        var sb = new StringBuilder();
        AppendHive(sb);
        return sb.ToString();
    }

    private void AppendHive(StringBuilder sb)
    {
        switch (Kind)
        {
            case ColumnKind.Boolean: sb.Append("boolean"); break;
            case ColumnKind.Int32: sb.Append("int"); break;
            case ColumnKind.Int64: sb.Append("bigint"); break;
            case ColumnKind.Float: sb.Append("float"); break;
            case ColumnKind.Double: sb.Append("double"); break;
            case ColumnKind.Decimal:
                sb.Append("decimal(").Append(Precision.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(Scale.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case ColumnKind.String: sb.Append("string"); break;
            case ColumnKind.Binary: sb.Append("binary"); break;
            case ColumnKind.Date: sb.Append("date"); break;
            case ColumnKind.Timestamp: sb.Append("timestamp"); break;
            case ColumnKind.Struct:
                sb.Append("struct<");
                for (var i = 0; i < Fields.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    sb.Append(Fields[i].Name).Append(':');
                    Fields[i].Type.AppendHive(sb);
                }

                sb.Append('>');
                break;
            case ColumnKind.List:
                sb.Append("array<");
                Element!.Type.AppendHive(sb);
                sb.Append('>');
                break;
            case ColumnKind.Map:
                sb.Append("map<");
                Key!.AppendHive(sb);
                sb.Append(',');
                Value!.Type.AppendHive(sb);
                sb.Append('>');
                break;
            default:
                throw new InvalidOperationException($"unknown column kind {Kind}");
        }
    }

    public bool Equals(ColumnType? other) =>
        other is not null && Kind == other.Kind && Precision == other.Precision && Scale == other.Scale
        && Fields.SequenceEqual(other.Fields) && Equals(Element, other.Element) && Equals(Key, other.Key)
        && Equals(Value, other.Value);

    public override int GetHashCode() => HashCode.Combine(Kind, Precision, Scale, Fields.Length, Element, Key, Value);

    public override string ToString() => ToHiveType();
}

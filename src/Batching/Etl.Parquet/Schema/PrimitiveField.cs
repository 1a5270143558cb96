namespace Etl.Parquet.Schema;

/// <summary>A leaf column.</summary>
public sealed class PrimitiveField : ParquetField
{
    public PrimitiveField(
        string name,
        ParquetColumnType type,
        bool isNullable = true,
        int precision = 0,
        int scale = 0,
        DecimalEncoding decimalEncoding = DecimalEncoding.ByPrecision,
        TimestampUnit timestampUnit = TimestampUnit.Millis)
        : base(name, isNullable)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type.");
        }

        if (type == ParquetColumnType.Decimal)
        {
            if (precision is < 1 or > 38)
            {
                throw new ArgumentOutOfRangeException(nameof(precision), precision, $"Decimal column '{name}': precision must be 1..38.");
            }

            if (scale < 0 || scale > precision)
            {
                throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Decimal column '{name}': scale must be 0..precision.");
            }
        }

        Type = type;
        Precision = type == ParquetColumnType.Decimal ? precision : 0;
        Scale = type == ParquetColumnType.Decimal ? scale : 0;
        DecimalEncoding = decimalEncoding;
        TimestampUnit = timestampUnit;
    }

    public ParquetColumnType Type { get; }

    /// <summary>Decimal precision (1..38); 0 for other types.</summary>
    public int Precision { get; }

    /// <summary>Decimal scale; 0 for other types.</summary>
    public int Scale { get; }

    public DecimalEncoding DecimalEncoding { get; }

    public TimestampUnit TimestampUnit { get; }

    /// <summary>The name this field carries in another place of the schema (list element, map key or value).</summary>
    public PrimitiveField Renamed(string name) => new(name, Type, IsNullable, Precision, Scale, DecimalEncoding, TimestampUnit);

    public override string ToString() => Type switch
    {
        ParquetColumnType.Decimal => $"{base.ToString()}: decimal({Precision},{Scale})",
        _ => $"{base.ToString()}: {Type.ToString().ToLowerInvariant()}",
    };
}

namespace Etl.Parquet.Schema;

/// <summary>
/// A node of a Parquet schema: a primitive leaf, a struct, a list or a map. Every level can be nullable or required.
/// Use the static factories (<see cref="Int64"/>, <see cref="Struct"/>, <see cref="List"/>, ...) to build schemas.
/// </summary>
public abstract class ParquetField
{
    private protected ParquetField(string name, bool isNullable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        IsNullable = isNullable;
    }

    public string Name { get; }

    public bool IsNullable { get; }

    public static PrimitiveField Boolean(string name, bool nullable = true) => new(name, ParquetColumnType.Boolean, nullable);

    public static PrimitiveField Int32(string name, bool nullable = true) => new(name, ParquetColumnType.Int32, nullable);

    public static PrimitiveField Int64(string name, bool nullable = true) => new(name, ParquetColumnType.Int64, nullable);

    public static PrimitiveField Float(string name, bool nullable = true) => new(name, ParquetColumnType.Float, nullable);

    public static PrimitiveField Double(string name, bool nullable = true) => new(name, ParquetColumnType.Double, nullable);

    public static PrimitiveField String(string name, bool nullable = true) => new(name, ParquetColumnType.String, nullable);

    public static PrimitiveField Binary(string name, bool nullable = true) => new(name, ParquetColumnType.Binary, nullable);

    public static PrimitiveField Date(string name, bool nullable = true) => new(name, ParquetColumnType.Date, nullable);

    public static PrimitiveField Timestamp(string name, bool nullable = true, TimestampUnit unit = TimestampUnit.Millis) =>
        new(name, ParquetColumnType.Timestamp, nullable, timestampUnit: unit);

    public static PrimitiveField Decimal(string name, int precision, int scale, bool nullable = true, DecimalEncoding encoding = DecimalEncoding.ByPrecision) =>
        new(name, ParquetColumnType.Decimal, nullable, precision, scale, encoding);

    public static StructField Struct(string name, bool nullable, params ParquetField[] fields) => new(name, fields, nullable);

    /// <summary>A 3-level LIST; the element is stored under the name "element" whatever name it was given.</summary>
    public static ListField List(string name, ParquetField element, bool nullable = true) => new(name, element, nullable);

    /// <summary>A 3-level MAP; the key must be a required primitive; key and value are stored as "key" and "value".</summary>
    public static MapField Map(string name, PrimitiveField key, ParquetField value, bool nullable = true) => new(name, key, value, nullable);

    public override string ToString() => $"{Name}{(IsNullable ? "?" : "")}";
}

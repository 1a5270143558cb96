namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>One of the eight primitive types, possibly with a logical type.</summary>
internal sealed class AvroPrimitiveSchema : AvroSchema
{
    private static readonly AvroPrimitiveSchema[] Plain =
    [
        new(AvroType.Null, null), new(AvroType.Boolean, null), new(AvroType.Int, null), new(AvroType.Long, null),
        new(AvroType.Float, null), new(AvroType.Double, null), new(AvroType.Bytes, null), new(AvroType.String, null),
    ];

    private AvroPrimitiveSchema(AvroType type, AvroLogicalType? logicalType)
        : base(type, logicalType)
    {
    }

    public static AvroPrimitiveSchema Null => Plain[(int)AvroType.Null];
    public static AvroPrimitiveSchema Boolean => Plain[(int)AvroType.Boolean];
    public static AvroPrimitiveSchema Int => Plain[(int)AvroType.Int];
    public static AvroPrimitiveSchema Long => Plain[(int)AvroType.Long];
    public static AvroPrimitiveSchema Float => Plain[(int)AvroType.Float];
    public static AvroPrimitiveSchema Double => Plain[(int)AvroType.Double];
    public static AvroPrimitiveSchema Bytes => Plain[(int)AvroType.Bytes];
    public static AvroPrimitiveSchema String => Plain[(int)AvroType.String];

    /// <summary>The shared instance for <paramref name="type"/>, or a new one carrying <paramref name="logicalType"/>.</summary>
    public static AvroPrimitiveSchema Of(AvroType type, AvroLogicalType? logicalType = null)
    {
        if (type > AvroType.String)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "not a primitive type");
        }

        return logicalType is null ? Plain[(int)type] : new AvroPrimitiveSchema(type, logicalType);
    }
}

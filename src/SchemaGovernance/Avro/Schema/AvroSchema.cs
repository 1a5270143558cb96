namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>
/// A parsed Avro schema node. Instances are immutable once <see cref="AvroSchemaParser"/> returns and may be shared
/// between threads; named types are referenced by object identity, so recursive schemas form a graph.
/// </summary>
internal abstract class AvroSchema
{
    protected AvroSchema(AvroType type, AvroLogicalType? logicalType)
    {
        Type = type;
        LogicalType = logicalType;
    }

    public AvroType Type { get; }

    /// <summary>The valid logical type annotation, or null (absent, unknown or invalid annotations are dropped).</summary>
    public AvroLogicalType? LogicalType { get; }

    /// <summary>True for record, enum and fixed.</summary>
    public bool IsNamed => this is AvroNamedSchema;

    /// <summary>The Parsing Canonical Form of this schema.</summary>
    public override string ToString() => AvroCanonicalForm.Of(this);

    /// <summary>The name of the type as used in messages: the full name for named types, else the type name.</summary>
    public virtual string DisplayName => TypeName(Type);

    public static string TypeName(AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Array => "array",
        AvroType.Map => "map",
        AvroType.Union => "union",
        AvroType.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown Avro type"),
    };
}

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>The Avro schema types of the specification: eight primitives and six complex types.</summary>
internal enum AvroType
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}

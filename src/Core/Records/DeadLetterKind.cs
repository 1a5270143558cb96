namespace Etl.Core.Records;

/// <summary>Why a record went to the dead-letter store. Stable names: they appear in envelopes and metric tags.</summary>
public enum DeadLetterKind
{
    /// <summary>The payload is not well-formed JSON.</summary>
    MalformedJson,
    /// <summary>The payload is not valid UTF-8.</summary>
    InvalidUtf8,
    /// <summary>The payload does not satisfy its schema (field path and keyword given).</summary>
    SchemaViolation,
    /// <summary>The GSR header names a schema version the registry does not know.</summary>
    UnknownSchemaVersion,
    /// <summary>The Glue Schema Registry frame is malformed (version byte, compression byte, length).</summary>
    BadFrame,
    /// <summary>A KPL aggregate could not be parsed.</summary>
    BadAggregate,
    /// <summary>A KPL user record's effective hash key lies outside the shard's hash key range.</summary>
    HashKeyOutsideShard,
    /// <summary>The record is larger than the configured maximum.</summary>
    OversizedRecord,
    /// <summary>Decompressing the payload would exceed the configured maximum size.</summary>
    DecompressionLimit,
    /// <summary>The Avro payload could not be decoded with its writer schema.</summary>
    MalformedAvro,
    /// <summary>The partitioning event-time field is missing or not a timestamp.</summary>
    BadEventTime,
    /// <summary>The record's schema version cannot be mapped onto the table's columns.</summary>
    IncompatibleWithTable,
}

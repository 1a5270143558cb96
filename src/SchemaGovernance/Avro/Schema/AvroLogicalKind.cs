namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>The logical types this implementation understands; any other <c>logicalType</c> is ignored.</summary>
internal enum AvroLogicalKind
{
    /// <summary>Arbitrary-precision decimal on <c>bytes</c> or <c>fixed</c> (two's-complement big-endian unscaled value).</summary>
    Decimal,
    /// <summary>RFC 4122 UUID on <c>string</c> (text form) or <c>fixed(16)</c>.</summary>
    Uuid,
    /// <summary>Days since 1970-01-01 on <c>int</c>.</summary>
    Date,
    /// <summary>Milliseconds after midnight on <c>int</c>.</summary>
    TimeMillis,
    /// <summary>Microseconds after midnight on <c>long</c>.</summary>
    TimeMicros,
    /// <summary>Milliseconds since the UTC epoch on <c>long</c>.</summary>
    TimestampMillis,
    /// <summary>Microseconds since the UTC epoch on <c>long</c>.</summary>
    TimestampMicros,
    /// <summary>Milliseconds since the epoch of a local (zone-less) clock on <c>long</c>.</summary>
    LocalTimestampMillis,
    /// <summary>Microseconds since the epoch of a local (zone-less) clock on <c>long</c>.</summary>
    LocalTimestampMicros,
    /// <summary>Months, days and milliseconds as three little-endian unsigned ints on <c>fixed(12)</c>.</summary>
    Duration,
}

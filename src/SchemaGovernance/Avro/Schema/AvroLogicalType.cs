namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A valid logical type annotation; <see cref="Precision"/> and <see cref="Scale"/> are set for decimals only.</summary>
internal sealed record AvroLogicalType(AvroLogicalKind Kind, int Precision = 0, int Scale = 0)
{
    public static AvroLogicalType Uuid { get; } = new(AvroLogicalKind.Uuid);
    public static AvroLogicalType Date { get; } = new(AvroLogicalKind.Date);
    public static AvroLogicalType TimeMillis { get; } = new(AvroLogicalKind.TimeMillis);
    public static AvroLogicalType TimeMicros { get; } = new(AvroLogicalKind.TimeMicros);
    public static AvroLogicalType TimestampMillis { get; } = new(AvroLogicalKind.TimestampMillis);
    public static AvroLogicalType TimestampMicros { get; } = new(AvroLogicalKind.TimestampMicros);
    public static AvroLogicalType LocalTimestampMillis { get; } = new(AvroLogicalKind.LocalTimestampMillis);
    public static AvroLogicalType LocalTimestampMicros { get; } = new(AvroLogicalKind.LocalTimestampMicros);
    public static AvroLogicalType Duration { get; } = new(AvroLogicalKind.Duration);

    /// <summary>The name used in schema JSON, e.g. <c>timestamp-millis</c>.</summary>
    public string Name => Kind switch
    {
        AvroLogicalKind.Decimal => "decimal",
        AvroLogicalKind.Uuid => "uuid",
        AvroLogicalKind.Date => "date",
        AvroLogicalKind.TimeMillis => "time-millis",
        AvroLogicalKind.TimeMicros => "time-micros",
        AvroLogicalKind.TimestampMillis => "timestamp-millis",
        AvroLogicalKind.TimestampMicros => "timestamp-micros",
        AvroLogicalKind.LocalTimestampMillis => "local-timestamp-millis",
        AvroLogicalKind.LocalTimestampMicros => "local-timestamp-micros",
        AvroLogicalKind.Duration => "duration",
        _ => throw new InvalidOperationException($"unknown logical kind {Kind}"),
    };
}

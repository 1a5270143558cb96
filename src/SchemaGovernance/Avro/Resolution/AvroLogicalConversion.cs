using System.Globalization;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Logical;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>Turns raw Avro values of a logical type into column values; out-of-range values are decode errors.</summary>
internal static class AvroLogicalConversion
{
    public static object? ToColumnValue(object? raw, AvroSchema schema, ref AvroReader r, int start)
    {
        var logical = schema.LogicalType;
        if (logical is null || raw is null)
        {
            return raw;
        }

        switch (logical.Kind)
        {
            case AvroLogicalKind.Date when raw is int days:
                return AvroTimestamps.TryFromDays(days, out var date) ? date : throw r.FailAt(start, $"date {days} days from the epoch is out of range");
            case AvroLogicalKind.TimestampMillis or AvroLogicalKind.LocalTimestampMillis when raw is long ms:
                return Timestamp(ms, micros: false, ref r, start);
            case AvroLogicalKind.TimestampMicros or AvroLogicalKind.LocalTimestampMicros when raw is long us:
                return Timestamp(us, micros: true, ref r, start);
            case AvroLogicalKind.Decimal when raw is byte[] bytes:
                return Decimal(bytes, logical, ref r, start);
            case AvroLogicalKind.Uuid when raw is byte[] { Length: 16 } uuid:
                return new Guid(uuid, bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
            default:
                return raw;
        }
    }

    public static object Timestamp(long raw, bool micros, ref AvroReader r, int start)
    {
        if (micros ? AvroTimestamps.TryFromMicros(raw, out var value) : AvroTimestamps.TryFromMillis(raw, out value))
        {
            return value;
        }

        throw r.FailAt(start, $"timestamp {raw} {(micros ? "microseconds" : "milliseconds")} from the epoch is out of range");
    }

    public static object Decimal(ReadOnlySpan<byte> bytes, AvroLogicalType logical, ref AvroReader r, int start) =>
        AvroDecimal.TryDecode(bytes, logical.Precision, logical.Scale, out var value)
            ? value
            : throw r.FailAt(start, $"the decimal value does not fit decimal({logical.Precision},{logical.Scale})");
}

using Etl.SchemaGovernance.Avro.Binary;

namespace Etl.SchemaGovernance.Avro.Resolution;

internal sealed class NullValueReader : AvroValueReader
{
    public static readonly NullValueReader Instance = new();

    public override object? Read(ref AvroReader reader) => null;
}

internal sealed class BooleanValueReader : AvroValueReader
{
    public static readonly BooleanValueReader Instance = new();
    private static readonly object True = true;
    private static readonly object False = false;

    public override object? Read(ref AvroReader reader) => reader.ReadBoolean() ? True : False;
}

internal sealed class IntValueReader : AvroValueReader
{
    public static readonly IntValueReader Instance = new();

    public override object? Read(ref AvroReader reader) => AvroBoxes.Int(reader.ReadInt());
}

internal sealed class LongValueReader : AvroValueReader
{
    public static readonly LongValueReader Instance = new();

    public override object? Read(ref AvroReader reader) => AvroBoxes.Long(reader.ReadLong());
}

internal sealed class FloatValueReader : AvroValueReader
{
    public static readonly FloatValueReader Instance = new();

    public override object? Read(ref AvroReader reader) => reader.ReadFloat();
}

internal sealed class DoubleValueReader : AvroValueReader
{
    public static readonly DoubleValueReader Instance = new();

    public override object? Read(ref AvroReader reader) => reader.ReadDouble();
}

internal sealed class StringValueReader : AvroValueReader
{
    public static readonly StringValueReader Instance = new();

    public override object? Read(ref AvroReader reader) => reader.ReadString();
}

internal sealed class BytesValueReader : AvroValueReader
{
    public static readonly BytesValueReader Instance = new();

    public override object? Read(ref AvroReader reader) => reader.ReadBytes();
}

/// <summary>Reads a long timestamp (UTC or local clock) as a <see cref="DateTimeOffset"/> in UTC.</summary>
internal sealed class TimestampValueReader(bool micros) : AvroValueReader
{
    public bool Micros { get; } = micros;

    public static object ReadMillis(ref AvroReader reader)
    {
        var start = reader.Position;
        var raw = reader.ReadLong();
        return AvroLogicalConversion.Timestamp(raw, micros: false, ref reader, start);
    }

    public override object? Read(ref AvroReader reader)
    {
        var start = reader.Position;
        var raw = reader.ReadLong();
        return AvroLogicalConversion.Timestamp(raw, Micros, ref reader, start);
    }
}

/// <summary>
/// Reads a writer primitive, promotes it to the reader's primitive type (int → long/float/double, long →
/// float/double, float → double, string ↔ bytes) and, for column values, applies the reader's logical type.
/// </summary>
internal sealed class ConvertingValueReader(Schema.AvroType writerType, Schema.AvroSchema reader, AvroValueShape shape) : AvroValueReader
{
    public override object? Read(ref AvroReader r)
    {
        var start = r.Position;
        object? raw = writerType switch
        {
            Schema.AvroType.Null => null,
            Schema.AvroType.Boolean => r.ReadBoolean(),
            Schema.AvroType.Int => r.ReadInt(),
            Schema.AvroType.Long => r.ReadLong(),
            Schema.AvroType.Float => r.ReadFloat(),
            Schema.AvroType.Double => r.ReadDouble(),
            Schema.AvroType.Bytes => r.ReadBytes(),
            Schema.AvroType.String => r.ReadString(),
            _ => throw r.Fail($"{writerType} is not a primitive type"),
        };
        var promoted = Promote(raw, reader.Type, ref r, start);
        return shape == AvroValueShape.Columns ? AvroLogicalConversion.ToColumnValue(promoted, reader, ref r, start) : promoted;
    }

    private static object? Promote(object? raw, Schema.AvroType target, ref AvroReader r, int start) => (raw, target) switch
    {
        (int i, Schema.AvroType.Long) => (long)i,
        (int i, Schema.AvroType.Float) => (float)i,
        (int i, Schema.AvroType.Double) => (double)i,
        (long l, Schema.AvroType.Float) => (float)l,
        (long l, Schema.AvroType.Double) => (double)l,
        (float f, Schema.AvroType.Double) => (double)f,
        (string s, Schema.AvroType.Bytes) => System.Text.Encoding.UTF8.GetBytes(s),
        // Writer bytes may hold anything: invalid UTF-8 becomes U+FFFD rather than failing data the writer
        // schema allowed (the promotion is permitted by the specification).
        (byte[] b, Schema.AvroType.String) => System.Text.Encoding.UTF8.GetString(b),
        _ => raw,
    };
}

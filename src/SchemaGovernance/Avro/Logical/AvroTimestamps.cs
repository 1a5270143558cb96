namespace Etl.SchemaGovernance.Avro.Logical;

/// <summary>Conversions of the date and timestamp logical types to and from CLR values, with range checks.</summary>
internal static class AvroTimestamps
{
    private const long UnixEpochTicks = 621355968000000000L;
    private const int UnixEpochDayNumber = 719162;
    private static readonly long MinMicros = (DateTimeOffset.MinValue.UtcTicks - UnixEpochTicks) / 10;
    private static readonly long MaxMicros = (DateTimeOffset.MaxValue.UtcTicks - UnixEpochTicks) / 10;
    private static readonly long MinMillis = MinMicros / 1000;
    private static readonly long MaxMillis = MaxMicros / 1000;

    public static bool TryFromMillis(long millis, out DateTimeOffset value)
    {
        if (millis < MinMillis || millis > MaxMillis)
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(UnixEpochTicks + (millis * TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return true;
    }

    public static bool TryFromMicros(long micros, out DateTimeOffset value)
    {
        if (micros < MinMicros || micros > MaxMicros)
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(UnixEpochTicks + (micros * 10), TimeSpan.Zero);
        return true;
    }

    public static bool TryFromDays(int days, out DateOnly value)
    {
        var dayNumber = (long)UnixEpochDayNumber + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            value = default;
            return false;
        }

        value = DateOnly.FromDayNumber((int)dayNumber);
        return true;
    }

    /// <summary>Milliseconds since the epoch, rounded toward negative infinity.</summary>
    public static long ToMillis(DateTimeOffset value) => Math.DivRem(value.UtcTicks - UnixEpochTicks, TimeSpan.TicksPerMillisecond) is var (q, r) && r < 0 ? q - 1 : q;

    /// <summary>Microseconds since the epoch, rounded toward negative infinity.</summary>
    public static long ToMicros(DateTimeOffset value) => Math.DivRem(value.UtcTicks - UnixEpochTicks, 10) is var (q, r) && r < 0 ? q - 1 : q;

    public static int ToDays(DateOnly value) => value.DayNumber - UnixEpochDayNumber;
}

namespace Etl.Parquet.Schema;

/// <summary>Conversions between .NET dates and instants and the integers Parquet stores.</summary>
internal static class TemporalMath
{
    private const int EpochDayNumber = 719_162; // DateOnly(1970, 1, 1).DayNumber
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    public static int ToDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static DateOnly FromDays(int days)
    {
        var dayNumber = (long)days + EpochDayNumber;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new OverflowException($"The date {days} days from 1970-01-01 is outside the range of DateOnly.");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    /// <summary>Whole units since the epoch, rounded down (so instants before 1970 keep their order).</summary>
    public static long ToUnix(DateTimeOffset value, TimestampUnit unit)
    {
        var ticks = value.UtcTicks - EpochTicks;
        return unit switch
        {
            TimestampUnit.Millis => Math.DivRem(ticks, TimeSpan.TicksPerMillisecond) is var (q, r) && r < 0 ? q - 1 : q,
            TimestampUnit.Micros => Math.DivRem(ticks, 10L) is var (q2, r2) && r2 < 0 ? q2 - 1 : q2,
            TimestampUnit.Nanos => checked(ticks * 100),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown timestamp unit."),
        };
    }

    public static DateTimeOffset FromUnix(long value, TimestampUnit unit)
    {
        long ticks;
        try
        {
            ticks = unit switch
            {
                TimestampUnit.Millis => checked(value * TimeSpan.TicksPerMillisecond),
                TimestampUnit.Micros => checked(value * 10),
                TimestampUnit.Nanos => value >= 0 ? value / 100 : ((value + 1) / 100) - 1,
                _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown timestamp unit."),
            };
            ticks = checked(ticks + EpochTicks);
        }
        catch (OverflowException)
        {
            throw new OverflowException($"The timestamp {value} ({unit}) is outside the range of DateTimeOffset.");
        }

        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new OverflowException($"The timestamp {value} ({unit}) is outside the range of DateTimeOffset.");
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// RFC 3339 full-date, full-time and date-time, parsed strictly (two-digit fields, ASCII digits, an offset always).
/// A leap second (second 60) is accepted only where the UTC time is 23:59:60; it converts to the following instant.
/// </summary>
internal static class Rfc3339
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || !TryParseDateCore(s, out var year, out var month, out var day))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    public static bool IsTime(ReadOnlySpan<char> s) => TryParseTime(s, out _, out _, out var consumed) && consumed == s.Length;

    public static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || (s[10] != 'T' && s[10] != 't') || !TryParseDateCore(s[..10], out var year, out var month, out var day))
        {
            return false;
        }

        if (!TryParseTime(s[11..], out var timeTicks, out var offsetMinutes, out var consumed) || consumed != s.Length - 11)
        {
            return false;
        }

        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).Ticks + timeTicks;
        var utc = local - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    private static bool TryParseDateCore(ReadOnlySpan<char> s, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out year) || !TryDigits(s.Slice(5, 2), out month) || !TryDigits(s.Slice(8, 2), out day))
        {
            return false;
        }

        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>
    /// Parses partial-time and time-offset. Returns the local time of day in ticks (a leap second counts as the next
    /// second) and the offset in minutes.
    /// </summary>
    private static bool TryParseTime(ReadOnlySpan<char> s, out long ticks, out int offsetMinutes, out int consumed)
    {
        ticks = 0;
        offsetMinutes = 0;
        consumed = 0;
        if (s.Length < 9 || s[2] != ':' || s[5] != ':'
            || !TryDigits(s[..2], out var hour) || !TryDigits(s.Slice(3, 2), out var minute)
            || !TryDigits(s.Slice(6, 2), out var second)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 8;
        long fraction = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            var scale = TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fraction += (s[i] - '0') * scale;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        if (s[i] is 'Z' or 'z')
        {
            i++;
        }
        else if (s[i] is '+' or '-')
        {
            if (s.Length - i < 6 || s[i + 3] != ':' || !TryDigits(s.Slice(i + 1, 2), out var offsetHour)
                || !TryDigits(s.Slice(i + 4, 2), out var offsetMinute) || offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = (offsetHour * 60) + offsetMinute;
            if (s[i] == '-')
            {
                offsetMinutes = -offsetMinutes;
            }

            i += 6;
        }
        else
        {
            return false;
        }

        if (second == 60)
        {
            var utcMinuteOfDay = ((((hour * 60) + minute - offsetMinutes) % 1440) + 1440) % 1440;
            if (utcMinuteOfDay != (23 * 60) + 59)
            {
                return false;
            }
        }

        ticks = (((hour * 3600L) + (minute * 60L) + second) * TicksPerSecond) + fraction;
        consumed = i;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}

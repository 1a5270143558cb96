using System.Globalization;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>
/// ISO-8601 date-times as strings carry them: RFC 3339 first (strict, with an offset), then the ISO-8601 extended
/// forms RFC 3339 leaves out: a space instead of <c>T</c>, minutes without seconds, no offset (read as UTC), a
/// fraction of up to seven digits. Always converted to UTC.
/// </summary>
internal static class IsoTimestamps
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        if (Rfc3339.TryParseDateTime(text, out value))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(
            text,
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>An instant as ISO-8601 in UTC: <c>2026-11-21T08:15:30Z</c>, with a fraction only when there is one.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

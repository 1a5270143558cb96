using System.Globalization;

namespace Etl.Catalog.Glue;

/// <summary>
/// Athena partition projection of a table's single string partition key as a date (one value per hour by default).
/// </summary>
/// <param name="Format">Java date pattern of the key's values, e.g. <c>yyyy-MM-dd-HH</c>. It must match what the
/// partitioner writes.</param>
/// <param name="Range">First and last value, comma separated, e.g. <c>2026-01-01-00,NOW</c>.</param>
/// <param name="LocationTemplate">Where a value's files are, with <c>${key}</c> for the value. Null: the Hive layout
/// <c>{table location}/{key}=${key}/</c>.</param>
/// <param name="Interval">Step between values. Default 1.</param>
/// <param name="IntervalUnit">Unit of the step: YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES or SECONDS. Default HOURS.</param>
public sealed record DateProjection(
    string Format,
    string Range,
    string? LocationTemplate = null,
    int Interval = 1,
    string IntervalUnit = "HOURS")
{
    private static readonly string[] Units = ["YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS", "MINUTES", "SECONDS"];

    /// <summary>The table parameters that enable projection for <paramref name="key"/> on a table at <paramref name="location"/>.</summary>
    public IReadOnlyDictionary<string, string> ToParameters(string key, string location)
    {
        Validate();
        var template = LocationTemplate ?? location.TrimEnd('/') + "/" + key + "=${" + key + "}/";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["projection.enabled"] = "true",
            [$"projection.{key}.type"] = "date",
            [$"projection.{key}.format"] = Format,
            [$"projection.{key}.range"] = Range,
            [$"projection.{key}.interval"] = Interval.ToString(CultureInfo.InvariantCulture),
            [$"projection.{key}.interval.unit"] = IntervalUnit,
            ["storage.location.template"] = template,
        };
    }

    /// <summary>Fails fast on settings Athena would reject.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Format))
        {
            throw new ArgumentException("DateProjection.Format is required (e.g. yyyy-MM-dd-HH)");
        }

        var parts = Range?.Split(',') ?? [];
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"DateProjection.Range must be two values separated by a comma (e.g. 2026-01-01-00,NOW), got '{Range}'");
        }

        if (Interval < 1)
        {
            throw new ArgumentException("DateProjection.Interval must be at least 1");
        }

        if (!Units.Contains(IntervalUnit, StringComparer.Ordinal))
        {
            throw new ArgumentException($"DateProjection.IntervalUnit must be one of {string.Join(", ", Units)}, got '{IntervalUnit}'");
        }

        if (LocationTemplate is not null && !LocationTemplate.Contains("${", StringComparison.Ordinal))
        {
            throw new ArgumentException("DateProjection.LocationTemplate must contain ${key}");
        }
    }
}

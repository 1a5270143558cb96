using System.Text;

namespace Etl.Host.Telemetry.Prometheus;

/// <summary>
/// Maps OpenTelemetry-style instrument names, units and tag keys to Prometheus names: characters outside
/// [a-zA-Z0-9_:] become '_' (runs collapse to one), the unit in words is appended unless the name already has it
/// as a word ("ms" → <c>_milliseconds</c>, "By" → <c>_bytes</c>, "{record}" → nothing), and counters end in
/// <c>_total</c>.
/// </summary>
internal static class PrometheusNaming
{
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnitWords = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["min"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    /// <summary>The metric family name for an instrument.</summary>
    public static string MetricName(string instrumentName, string? unit, PrometheusMetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit, type);
        if (suffix is not null && !HasWord(name, suffix))
        {
            name = name.Length == 0 || name[^1] == '_' ? name + suffix : name + "_" + suffix;
        }

        if (type == PrometheusMetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += name[^1] == '_' ? "total" : "_total";
        }

        return name;
    }

    /// <summary>A label name: [a-zA-Z_][a-zA-Z0-9_]*, without the reserved leading "__".</summary>
    public static string LabelName(string key)
    {
        var name = Sanitize(key, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? name[1..] : name;
    }

    /// <summary>The unit as a word for the name, or null when it adds nothing (no unit, or only annotations).</summary>
    public static string? UnitSuffix(string? unit, PrometheusMetricType type)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        var bare = StripAnnotations(unit).Trim();
        if (bare.Length == 0)
        {
            return null;
        }

        if (bare == "1")
        {
            return type == PrometheusMetricType.Gauge ? "ratio" : null;
        }

        var slash = bare.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var per = bare[(slash + 1)..];
            var perWord = PerUnitWords.GetValueOrDefault(per) ?? Sanitize(per, allowColon: false);
            var of = bare[..slash];
            return of.Length == 0 ? "per_" + perWord : Word(of) + "_per_" + perWord;
        }

        return Word(bare);
    }

    private static string Word(string unit) => UnitWords.GetValueOrDefault(unit) ?? Sanitize(unit, allowColon: false).Trim('_');

    private static bool HasWord(string name, string word) =>
        ("_" + name + "_").Contains("_" + word + "_", StringComparison.Ordinal);

    private static string StripAnnotations(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Sanitize(string text, bool allowColon)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            var next = valid ? c : '_';
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace Etl.Host.Telemetry.Prometheus;

/// <summary>
/// Renders a measurement's tags as the label part of a sample (<c>a="1",b="x"</c>): names sanitized and sorted,
/// values escaped, the last value winning for a repeated name. The rendered text is also the series identity.
/// </summary>
internal static class LabelText
{
    public static string Render(ReadOnlySpan<KeyValuePair<string, object?>> tags, IEnumerable<KeyValuePair<string, object?>>? instrumentTags)
    {
        if (tags.IsEmpty && instrumentTags is null)
        {
            return string.Empty;
        }

        // Instrument tags first, so that measurement tags of the same name replace them.
        var labels = new List<(string Name, string Value)>(tags.Length + 2);
        if (instrumentTags is not null)
        {
            foreach (var tag in instrumentTags)
            {
                Set(labels, PrometheusNaming.LabelName(tag.Key), ValueText(tag.Value));
            }
        }

        foreach (var tag in tags)
        {
            Set(labels, PrometheusNaming.LabelName(tag.Key), ValueText(tag.Value));
        }

        var builder = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(name).Append('=');
            PrometheusText.AppendLabelValue(builder, value);
        }

        return builder.ToString();
    }

    /// <summary>Inserts in name order (tag lists are short), replacing an existing value of the same name.</summary>
    private static void Set(List<(string Name, string Value)> labels, string name, string value)
    {
        var index = 0;
        while (index < labels.Count)
        {
            var order = string.CompareOrdinal(labels[index].Name, name);
            if (order == 0)
            {
                labels[index] = (name, value);
                return;
            }

            if (order > 0)
            {
                break;
            }

            index++;
        }

        labels.Insert(index, (name, value));
    }

    private static string ValueText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => PrometheusText.Number(number),
        float number => PrometheusText.Number(number),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

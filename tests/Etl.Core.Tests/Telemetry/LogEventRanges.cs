using System.Globalization;
using System.Text.RegularExpressions;
using Etl.TestSupport;

namespace Etl.Core.Tests.Telemetry;

/// <summary>The event id ranges of the "Log events" table in docs/operations.md.</summary>
internal static partial class LogEventRanges
{
    [GeneratedRegex(@"^\|\s*(\d+)[–-](\d+)\s*\|\s*([^|]+?)\s*\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    public static List<(int First, int Last, string Area)> FromOperationsGuide()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operations.md"));
        var start = guide.IndexOf("## Log events", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/operations.md has no \"## Log events\" section");
        var end = guide.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? guide[start..] : guide[start..end];
        return [.. Row().Matches(section).Select(m => (
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            m.Groups[3].Value))];
    }
}

using System.Globalization;

namespace Etl.Host.Operations;

/// <summary>A closed partition's statistics, as written in its <c>_closed</c> marker and as catalog parameters.</summary>
internal sealed record PartitionStatistics(int Files, long Rows, long Bytes)
{
    /// <summary>Catalog partition parameters (the Hive statistics names Athena and Glue show).</summary>
    public IReadOnlyDictionary<string, string> ToParameters(DateTimeOffset closedAt) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["numFiles"] = Files.ToString(CultureInfo.InvariantCulture),
        ["numRows"] = Rows.ToString(CultureInfo.InvariantCulture),
        ["totalSize"] = Bytes.ToString(CultureInfo.InvariantCulture),
        ["etl.closed_at"] = closedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };
}

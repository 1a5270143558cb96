using Etl.Core.Contracts;

namespace Etl.Host.Operations;

/// <summary>A partition folder found in the object store: its path, key values, hour and objects.</summary>
/// <param name="Path">The folder below the table prefix, e.g. <c>dt=2026-11-21-08</c>.</param>
/// <param name="Values">The partition key values in key order.</param>
/// <param name="HourStart">The start of the partition's hour (UTC).</param>
/// <param name="DataFiles">The data objects (names not starting with '_' or '.').</param>
/// <param name="Markers">The names of the marker objects (starting with '_').</param>
/// <param name="ClosedAt">When the <c>_closed</c> marker was last written, or null when there is none.</param>
internal sealed record TablePartition(
    string Path,
    IReadOnlyList<string> Values,
    DateTimeOffset HourStart,
    IReadOnlyList<ObjectInfo> DataFiles,
    IReadOnlySet<string> Markers,
    DateTimeOffset? ClosedAt = null)
{
    /// <summary>The end of the partition's hour.</summary>
    public DateTimeOffset HourEnd => HourStart.AddHours(1);
}

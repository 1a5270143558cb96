using System.Globalization;
using Etl.Core.Contracts;
using Etl.Core.Telemetry;

namespace Etl.Host.Operations;

/// <summary>
/// Finds a table's hour partitions in its object store: the folders <c>key=value/…</c> directly below the table
/// prefix whose keys are the partitioner's keys (<c>dt=yyyy-MM-dd-HH</c>, or
/// <c>ingest_year/ingest_month/ingest_day/ingest_hour</c>), with the hour read in the table's time zone.
/// </summary>
internal sealed class PartitionScanner(ILogger<PartitionScanner> logger)
{
    public async Task<IReadOnlyList<TablePartition>> ScanAsync(OperationsTable table, CancellationToken token)
    {
        var prefix = table.Definition.TablePrefix;
        var keys = table.Definition.Partitioner.PartitionKeys;
        var byPath = new SortedDictionary<string, Folder>(StringComparer.Ordinal);
        await foreach (var info in table.Store.ListAsync(prefix, token))
        {
            var segments = info.Key[prefix.Length..].Split('/');
            if (segments.Length != keys.Count + 1 || !TryValues(segments, keys, out var values))
            {
                continue;
            }

            var path = string.Join('/', segments[..^1]);
            if (!byPath.TryGetValue(path, out var entry))
            {
                entry = new Folder(values);
                byPath[path] = entry;
            }

            var name = segments[^1];
            if (name.StartsWith('_'))
            {
                entry.Markers.Add(name);
                if (name == PartitionCloser.MarkerName)
                {
                    entry.ClosedAt = info.LastModified;
                }
            }
            else if (!name.StartsWith('.'))
            {
                entry.Files.Add(info);
            }
        }

        var result = new List<TablePartition>(byPath.Count);
        foreach (var (path, entry) in byPath)
        {
            if (TryHourStart(entry.Values, table.Zone, out var hourStart))
            {
                result.Add(new TablePartition(path, entry.Values, hourStart, entry.Files, entry.Markers, entry.ClosedAt));
            }
            else
            {
                LogMessages.ScanFolderSkipped(logger, prefix, path);
            }
        }

        return result;
    }

    private static bool TryValues(string[] segments, IReadOnlyList<string> keys, out List<string> values)
    {
        values = new List<string>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var separator = segments[i].IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || !string.Equals(segments[i][..separator], keys[i], StringComparison.Ordinal))
            {
                return false;
            }

            values.Add(Uri.UnescapeDataString(segments[i][(separator + 1)..]));
        }

        return true;
    }

    /// <summary>Reads the hour a partition's values name (one <c>yyyy-MM-dd-HH</c> value, or year, month, day, hour).</summary>
    internal static bool TryHourStart(IReadOnlyList<string> values, TimeZoneInfo zone, out DateTimeOffset hourStart)
    {
        hourStart = default;
        DateTime local;
        if (values.Count == 1)
        {
            if (!DateTime.TryParseExact(values[0], "yyyy-MM-dd-HH", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
            {
                return false;
            }
        }
        else if (values.Count == 4)
        {
            var text = string.Join('-', values);
            if (!DateTime.TryParseExact(text, "yyyy-MM-dd-HH", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        hourStart = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        return true;
    }

    /// <summary>What the listing found in one partition folder.</summary>
    private sealed class Folder(List<string> values)
    {
        public List<string> Values { get; } = values;

        public List<ObjectInfo> Files { get; } = [];

        public HashSet<string> Markers { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? ClosedAt { get; set; }
    }
}

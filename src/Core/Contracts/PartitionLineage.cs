using System.Globalization;
using System.Text;
using System.Text.Json;
using Etl.Core.Records;

namespace Etl.Core.Contracts;

/// <summary>Where one committed data file came from: its source range, row count and schema version.</summary>
/// <param name="Stream">The source stream.</param>
/// <param name="First">The file's first record.</param>
/// <param name="Last">The file's last record (same shard as <paramref name="First"/>).</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="SchemaName">The schema the rows were validated against.</param>
/// <param name="SchemaVersion">Its version number.</param>
public sealed record FileLineage(string Stream, StreamPosition First, StreamPosition Last, long Rows, string SchemaName, int SchemaVersion)
{
    public const string SourceShard = "etl.source.shard";
    public const string SourceFirst = "etl.source.first";
    public const string SourceLast = "etl.source.last";

    /// <summary>The shard the file's records came from.</summary>
    public string ShardId => First.ShardId;

    /// <summary>
    /// The lineage as a data file's key-value metadata: <c>etl.source.stream</c>, <c>etl.source.shard</c>,
    /// <c>etl.source.first</c>, <c>etl.source.last</c> (<c>sequence/subSequence</c>), <c>etl.rows</c>,
    /// <c>etl.schema.name</c>, <c>etl.schema.version</c>.
    /// </summary>
    public Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        [PartitionLineage.SourceStream] = Stream,
        [SourceShard] = ShardId,
        [SourceFirst] = PartitionLineage.Format(First),
        [SourceLast] = PartitionLineage.Format(Last),
        [PartitionLineage.Rows] = Rows.ToString(CultureInfo.InvariantCulture),
        [PartitionLineage.SchemaName] = SchemaName,
        [PartitionLineage.SchemaVersion] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The lineage in a data file's key-value metadata (see <see cref="ToMetadata"/>), or null when it is incomplete.</summary>
    /// <param name="metadata">The file's key-value metadata.</param>
    /// <param name="rows">The file's row count (from its footer, not from the metadata).</param>
    public static FileLineage? FromMetadata(IEnumerable<KeyValuePair<string, string?>> metadata, long rows)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        if (!values.TryGetValue(PartitionLineage.SourceStream, out var stream)
            || !values.TryGetValue(SourceShard, out var shard)
            || !values.TryGetValue(PartitionLineage.SchemaName, out var schema)
            || !int.TryParse(values.GetValueOrDefault(PartitionLineage.SchemaVersion), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || PartitionLineage.ParsePosition(shard, values.GetValueOrDefault(SourceFirst)) is not { } first
            || PartitionLineage.ParsePosition(shard, values.GetValueOrDefault(SourceLast)) is not { } last)
        {
            return null;
        }

        return new FileLineage(stream, first, last, rows, schema, version);
    }
}

/// <summary>
/// The lineage a partition carries in its catalog parameters, folded file by file:
/// <list type="bullet">
/// <item><c>etl.rows</c> and <c>etl.files</c>: totals over the files merged;</item>
/// <item><c>etl.schema.versions</c>: the schema versions seen, ascending and comma-separated; <c>etl.schema.version</c>
/// the highest and <c>etl.schema.name</c> the schema;</item>
/// <item><c>etl.source.stream</c> and <c>etl.source.ranges</c>: per shard, the first and the last position
/// (<c>sequence/subSequence</c>) of the files merged, as a JSON object <c>{"shardId": ["first", "last"]}</c>.</item>
/// </list>
/// A shard's files are committed in stream order, so a file is already merged exactly when its last position is not
/// past its shard's recorded last: <see cref="Merge"/> then returns null and a retried commit changes nothing.
/// </summary>
public static class PartitionLineage
{
    public const string Rows = "etl.rows";
    public const string Files = "etl.files";
    public const string SchemaName = "etl.schema.name";
    public const string SchemaVersion = "etl.schema.version";
    public const string SchemaVersions = "etl.schema.versions";
    public const string SourceStream = "etl.source.stream";
    public const string SourceRanges = "etl.source.ranges";

    /// <summary>The parameters of a partition holding just <paramref name="file"/>.</summary>
    public static Dictionary<string, string> Initial(FileLineage file) =>
        Merge(new Dictionary<string, string>(StringComparer.Ordinal), file)!;

    /// <summary>
    /// <paramref name="current"/> with <paramref name="file"/> folded in (other parameters kept), or null when the file
    /// is already covered by its shard's range.
    /// </summary>
    public static Dictionary<string, string>? Merge(IReadOnlyDictionary<string, string> current, FileLineage file)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(file);
        if (!string.Equals(file.First.ShardId, file.Last.ShardId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"a file's range must lie in one shard, not {file.First} .. {file.Last}", nameof(file));
        }

        var ranges = ReadRanges(current);
        if (ranges.TryGetValue(file.ShardId, out var known) && file.Last.CompareTo(known.Last) <= 0)
        {
            return null;
        }

        ranges[file.ShardId] = known.First is null
            ? (file.First, file.Last)
            : (Min(known.First.Value, file.First), file.Last);
        var versions = ReadVersions(current);
        versions.Add(file.SchemaVersion);
        var merged = new Dictionary<string, string>(current.Count + 7, StringComparer.Ordinal);
        foreach (var (key, value) in current)
        {
            merged[key] = value;
        }

        merged[Rows] = (ReadLong(current, Rows) + file.Rows).ToString(CultureInfo.InvariantCulture);
        merged[Files] = (ReadLong(current, Files) + 1).ToString(CultureInfo.InvariantCulture);
        merged[SchemaName] = file.SchemaName;
        merged[SchemaVersion] = versions.Max.ToString(CultureInfo.InvariantCulture);
        merged[SchemaVersions] = string.Join(',', versions.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        merged[SourceStream] = file.Stream;
        merged[SourceRanges] = WriteRanges(ranges);
        return merged;
    }

    /// <summary>The per-shard ranges recorded in <paramref name="parameters"/> (empty when absent or unreadable).</summary>
    public static SortedDictionary<string, (StreamPosition? First, StreamPosition Last)> ReadRanges(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var ranges = new SortedDictionary<string, (StreamPosition? First, StreamPosition Last)>(StringComparer.Ordinal);
        if (!parameters.TryGetValue(SourceRanges, out var json) || string.IsNullOrWhiteSpace(json))
        {
            return ranges;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ranges;
            }

            foreach (var shard in document.RootElement.EnumerateObject())
            {
                if (shard.Value.ValueKind == JsonValueKind.Array && shard.Value.GetArrayLength() == 2
                    && ParsePosition(shard.Name, shard.Value[0].GetString()) is { } first
                    && ParsePosition(shard.Name, shard.Value[1].GetString()) is { } last)
                {
                    ranges[shard.Name] = (first, last);
                }
            }
        }
        catch (JsonException)
        {
            // Written by someone else: start over rather than fail the commit.
            ranges.Clear();
        }

        return ranges;
    }

    /// <summary><c>sequence/subSequence</c>, as the ranges store a position.</summary>
    public static string Format(StreamPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.SequenceNumber}/{position.SubSequenceNumber}");

    /// <summary>A position written by <see cref="Format"/>, or null when <paramref name="text"/> is not one.</summary>
    public static StreamPosition? ParsePosition(string shardId, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var sequence = slash < 0 ? text : text[..slash];
        long sub = 0;
        if (sequence.Length == 0 || !sequence.All(char.IsAsciiDigit)
            || (slash >= 0 && !long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sub)))
        {
            return null;
        }

        return new StreamPosition(shardId, sequence, sub);
    }

    private static string WriteRanges(SortedDictionary<string, (StreamPosition? First, StreamPosition Last)> ranges)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (shard, (first, last)) in ranges)
            {
                writer.WriteStartArray(shard);
                writer.WriteStringValue(Format(first ?? last));
                writer.WriteStringValue(Format(last));
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static SortedSet<int> ReadVersions(IReadOnlyDictionary<string, string> parameters)
    {
        var versions = new SortedSet<int>();
        if (parameters.TryGetValue(SchemaVersions, out var list))
        {
            foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    versions.Add(v);
                }
            }
        }

        return versions;
    }

    private static long ReadLong(IReadOnlyDictionary<string, string> parameters, string key) =>
        parameters.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static StreamPosition Min(StreamPosition a, StreamPosition b) => a.CompareTo(b) <= 0 ? a : b;
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Ingest.Local;

/// <summary>
/// The JSON document of one stream's shard states (checkpoint, committed segments, pending intent, shard end per
/// shard), shared by the file and object-store state stores.
/// </summary>
internal static class ShardStateDocument
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Checks a stream name can name a file or object.</summary>
    public static string CheckStreamName(string streamName)
    {
        foreach (var c in streamName)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"stream name '{streamName}' has a character not allowed in a file name", nameof(streamName));
            }
        }

        return streamName;
    }
}

internal sealed class StoredStream
{
    public Dictionary<string, StoredShard> Shards { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class StoredShard
{
    public StoredPosition? Checkpoint { get; set; }

    public List<StoredSegment> Segments { get; set; } = [];

    public StoredIntent? Intent { get; set; }

    public bool ShardEnded { get; set; }

    public ShardState ToState() => new(
        Checkpoint?.ToPosition(),
        [.. Segments.Select(s => new CommittedSegment(s.BufferKey, s.First.ToPosition(), s.Last.ToPosition(), s.ObjectKey))],
        Intent is null ? null : new CommitIntent(Intent.BufferKey, Intent.First.ToPosition(), Intent.Last.ToPosition(), Intent.ObjectKey, Intent.RecordCount),
        ShardEnded);

    public static StoredShard From(ShardState s) => new()
    {
        Checkpoint = s.Checkpoint is { } c ? StoredPosition.From(c) : null,
        Segments = [.. s.Segments.Select(g => new StoredSegment { BufferKey = g.BufferKey, First = StoredPosition.From(g.First), Last = StoredPosition.From(g.Last), ObjectKey = g.ObjectKey })],
        Intent = s.Intent is { } i
            ? new StoredIntent { BufferKey = i.BufferKey, First = StoredPosition.From(i.First), Last = StoredPosition.From(i.Last), ObjectKey = i.ObjectKey, RecordCount = i.RecordCount }
            : null,
        ShardEnded = s.ShardEnded,
    };
}

internal sealed class StoredPosition
{
    public string ShardId { get; set; } = "";

    public string SequenceNumber { get; set; } = "";

    public long SubSequenceNumber { get; set; }

    public StreamPosition ToPosition() => new(ShardId, SequenceNumber, SubSequenceNumber);

    public static StoredPosition From(StreamPosition p) => new() { ShardId = p.ShardId, SequenceNumber = p.SequenceNumber, SubSequenceNumber = p.SubSequenceNumber };
}

internal sealed class StoredSegment
{
    public string BufferKey { get; set; } = "";

    public StoredPosition First { get; set; } = new();

    public StoredPosition Last { get; set; } = new();

    public string ObjectKey { get; set; } = "";
}

internal sealed class StoredIntent
{
    public string BufferKey { get; set; } = "";

    public StoredPosition First { get; set; } = new();

    public StoredPosition Last { get; set; } = new();

    public string ObjectKey { get; set; } = "";

    public int RecordCount { get; set; }
}

using System.Collections.Immutable;
using Etl.Core.Records;

namespace Etl.Core.Contracts;

/// <summary>
/// A shard's durable progress. Every record at or before <see cref="Checkpoint"/> is committed. Records after it are
/// committed only where a <see cref="CommittedSegment"/> covers them: re-reading after a restart skips those, so no
/// record is written twice. <see cref="Intent"/> is a commit that may have uploaded its file but not yet recorded it.
/// </summary>
public sealed record ShardState(
    StreamPosition? Checkpoint,
    ImmutableArray<CommittedSegment> Segments,
    CommitIntent? Intent,
    bool ShardEnded = false)
{
    public static ShardState Empty { get; } = new(null, ImmutableArray<CommittedSegment>.Empty, null);

    /// <summary>True when the record at <paramref name="position"/> routed to <paramref name="bufferKey"/> is already committed.</summary>
    public bool IsCommitted(string bufferKey, StreamPosition position)
    {
        if (Checkpoint is { } checkpoint && position.CompareTo(checkpoint) <= 0)
        {
            return true;
        }

        foreach (var segment in Segments)
        {
            if (string.Equals(segment.BufferKey, bufferKey, StringComparison.Ordinal)
                && position.CompareTo(segment.First) >= 0 && position.CompareTo(segment.Last) <= 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A file committed after the checkpoint: it holds every record routed to <see cref="BufferKey"/> from
/// <see cref="First"/> to <see cref="Last"/> of its shard.
/// </summary>
public sealed record CommittedSegment(string BufferKey, StreamPosition First, StreamPosition Last, string ObjectKey);

/// <summary>A commit in flight: the object key it writes and the exact range of the buffer it writes.</summary>
public sealed record CommitIntent(string BufferKey, StreamPosition First, StreamPosition Last, string ObjectKey, int RecordCount);

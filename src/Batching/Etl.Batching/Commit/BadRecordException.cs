using Etl.Core.Records;

namespace Etl.Batching.Commit;

/// <summary>
/// A record could not be written and the pipeline keeps no dead letters (<see cref="PipelineDefinition.DeadLettersEnabled"/>
/// is false): the pipeline stops before the record, so its checkpoint stays before it and a restart meets it again.
/// </summary>
public sealed class BadRecordException(string pipeline, StreamPosition position, DeadLetterReason reason)
    : Exception($"pipeline '{pipeline}' stopped at {position}: {reason} (dead letters are disabled; fix the data or the schema, or enable DeadLetters)")
{
    public StreamPosition Position { get; } = position;

    public DeadLetterReason Reason { get; } = reason;
}

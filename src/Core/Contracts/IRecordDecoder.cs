using Etl.Core.Records;

namespace Etl.Core.Contracts;

/// <summary>
/// Turns a source record into column values or a dead-letter reason. Implementations never throw for bad data:
/// every malformed input is a <see cref="DecodeResult.Failure(DeadLetterReason)"/>. They throw only for
/// infrastructure faults (registry unreachable), which the pipeline retries.
/// </summary>
public interface IRecordDecoder
{
    DecodeResult Decode(SourceRecord record);
}

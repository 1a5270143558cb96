using Etl.Core.Records;

namespace Etl.Core.Contracts;

/// <summary>
/// A decoder that may need to fetch something (a schema version named by a record header) before it can decode a
/// batch. The pipeline awaits <see cref="PrepareAsync"/> before decoding the batch's records, so decoding itself
/// stays synchronous and allocation-light. Infrastructure faults are thrown for the pipeline to retry.
/// </summary>
public interface IBatchPreparingDecoder : IRecordDecoder
{
    Task PrepareAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken);
}

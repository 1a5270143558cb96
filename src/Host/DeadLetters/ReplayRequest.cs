using Etl.Core.Records;

namespace Etl.Host.DeadLetters;

/// <summary>What to replay: a table's dead-letter objects, optionally only those holding a reason kind, or given keys.</summary>
internal sealed record ReplayRequest(string Table, DeadLetterKind? Reason = null, IReadOnlyList<string>? Keys = null);

/// <summary>What a replay did.</summary>
/// <param name="ObjectsSelected">Objects chosen by the request.</param>
/// <param name="ObjectsReplayed">Objects read in this run.</param>
/// <param name="ObjectsAlreadyReplayed">Chosen objects that an earlier replay finished (skipped).</param>
/// <param name="RowsWritten">Records now valid, written to the table.</param>
/// <param name="StillDeadLettered">Records still invalid, written to new dead-letter objects.</param>
/// <param name="SchemaVersion">The schema version the records were decoded with.</param>
internal sealed record ReplaySummary(
    string Table,
    int ObjectsSelected,
    int ObjectsReplayed,
    int ObjectsAlreadyReplayed,
    long RowsWritten,
    long StillDeadLettered,
    int SchemaVersion);

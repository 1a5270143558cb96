namespace Etl.Catalog.Athena;

/// <summary>A result column: its name and Athena type (varchar, bigint, timestamp, ...).</summary>
public sealed record AthenaColumn(string Name, string Type);

/// <summary>The outcome of a finished query: columns, data rows (no header row; null for SQL NULL) and statistics.</summary>
public sealed record AthenaQueryResult(
    string QueryExecutionId,
    IReadOnlyList<AthenaColumn> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    long DataScannedInBytes,
    long EngineExecutionTimeInMillis);

/// <summary>The state of a query as GetQueryExecution reports it.</summary>
public sealed record AthenaQueryStatus(
    string QueryExecutionId,
    string State,
    string? StatementType,
    string? StateChangeReason,
    int? ErrorCategory,
    int? ErrorType,
    long DataScannedInBytes,
    long EngineExecutionTimeInMillis)
{
    public bool IsFinal => State is "SUCCEEDED" or "FAILED" or "CANCELLED";
}

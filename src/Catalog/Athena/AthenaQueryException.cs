namespace Etl.Catalog.Athena;

/// <summary>
/// A query that ended FAILED or CANCELLED. <see cref="ErrorCategory"/> is Athena's: 1 system, 2 user, 3 other;
/// <see cref="ErrorType"/> is Athena's numeric error type.
/// </summary>
public sealed class AthenaQueryException : Exception
{
    public AthenaQueryException(string queryExecutionId, string state, int? errorCategory, int? errorType, string reason)
        : base($"query {queryExecutionId} {state}{Category(errorCategory)}: {reason}")
    {
        QueryExecutionId = queryExecutionId;
        State = state;
        ErrorCategory = errorCategory;
        ErrorType = errorType;
        Reason = reason;
    }

    public AthenaQueryException()
        : this(string.Empty, "FAILED", null, null, string.Empty)
    {
    }

    public AthenaQueryException(string message)
        : this(string.Empty, "FAILED", null, null, message)
    {
    }

    public AthenaQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
        QueryExecutionId = string.Empty;
        State = "FAILED";
        Reason = message;
    }

    public string QueryExecutionId { get; }

    public string State { get; }

    public int? ErrorCategory { get; }

    public int? ErrorType { get; }

    /// <summary>Athena's StateChangeReason or error message.</summary>
    public string Reason { get; }

    private static string Category(int? category) => category switch
    {
        1 => " (system error)",
        2 => " (user error)",
        3 => " (other error)",
        _ => string.Empty,
    };
}

namespace Etl.Core.Records;

/// <summary>Why one record was rejected: the kind, a human message, and where in the record (JSON path) and which keyword.</summary>
public sealed record DeadLetterReason(DeadLetterKind Kind, string Message, string? FieldPath = null, string? Keyword = null)
{
    public override string ToString() =>
        FieldPath is null ? $"{Kind}: {Message}" : $"{Kind} at {FieldPath}: {Message}";
}

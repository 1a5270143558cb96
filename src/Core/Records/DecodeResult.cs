namespace Etl.Core.Records;

/// <summary>The outcome of decoding one record: a decoded record or the reason it was rejected.</summary>
public readonly struct DecodeResult
{
    private DecodeResult(DecodedRecord? record, DeadLetterReason? reason)
    {
        Record = record;
        Reason = reason;
    }

    public DecodedRecord? Record { get; }

    public DeadLetterReason? Reason { get; }

    public bool IsSuccess => Record is not null;

    public static DecodeResult Success(DecodedRecord record) => new(record ?? throw new ArgumentNullException(nameof(record)), null);

    public static DecodeResult Failure(DeadLetterReason reason) => new(null, reason ?? throw new ArgumentNullException(nameof(reason)));

    public static DecodeResult Failure(DeadLetterKind kind, string message, string? path = null, string? keyword = null) =>
        new(null, new DeadLetterReason(kind, message, path, keyword));
}

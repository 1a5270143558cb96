namespace Etl.Ingest.Kinesis;

/// <summary>Where GetShardIterator starts reading.</summary>
public enum ShardIteratorType
{
    /// <summary>The oldest record still retained.</summary>
    TrimHorizon,

    /// <summary>Just after the newest record.</summary>
    Latest,

    /// <summary>The first record at or after a timestamp.</summary>
    AtTimestamp,

    /// <summary>The record with the given sequence number.</summary>
    AtSequenceNumber,

    /// <summary>The record after the given sequence number.</summary>
    AfterSequenceNumber,
}

/// <summary>A starting position: the iterator type plus its sequence number or timestamp.</summary>
public sealed record ShardStart(ShardIteratorType Type, string? SequenceNumber = null, DateTimeOffset? Timestamp = null)
{
    public static ShardStart TrimHorizon { get; } = new(ShardIteratorType.TrimHorizon);

    public static ShardStart Latest { get; } = new(ShardIteratorType.Latest);

    public static ShardStart At(string sequenceNumber) => new(ShardIteratorType.AtSequenceNumber, sequenceNumber);

    public static ShardStart After(string sequenceNumber) => new(ShardIteratorType.AfterSequenceNumber, sequenceNumber);

    public static ShardStart AtTimestamp(DateTimeOffset timestamp) => new(ShardIteratorType.AtTimestamp, null, timestamp);

    /// <summary>The wire name (TRIM_HORIZON, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER).</summary>
    public string WireName => Type switch
    {
        ShardIteratorType.TrimHorizon => "TRIM_HORIZON",
        ShardIteratorType.Latest => "LATEST",
        ShardIteratorType.AtTimestamp => "AT_TIMESTAMP",
        ShardIteratorType.AtSequenceNumber => "AT_SEQUENCE_NUMBER",
        ShardIteratorType.AfterSequenceNumber => "AFTER_SEQUENCE_NUMBER",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "unknown iterator type"),
    };
}

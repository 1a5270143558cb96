using System.Diagnostics.CodeAnalysis;
using Etl.Core.Records;

namespace Etl.Ingest.Kpl;

/// <summary>
/// One user record produced by <see cref="KplDeaggregator"/>: the record (its data a slice of the Kinesis record's
/// buffer) and, when it must go to the dead-letter store, the reason. A rejected whole aggregate yields one entry whose
/// <see cref="Record"/> carries the entire Kinesis record at sub-sequence 0.
/// </summary>
public readonly struct DeaggregatedRecord
{
    private readonly UInt128 knownHashKey;
    private readonly HashKeySource hashKeySource;

    internal DeaggregatedRecord(SourceRecord record, DeadLetterReason? reason, bool isAggregated, UInt128? effectiveHashKey, bool hasExplicitHashKey)
        : this(record, reason, isAggregated, effectiveHashKey ?? default, effectiveHashKey is null ? HashKeySource.None : HashKeySource.Known, hasExplicitHashKey)
    {
    }

    private DeaggregatedRecord(SourceRecord record, DeadLetterReason? reason, bool isAggregated, UInt128 hashKey, HashKeySource source, bool hasExplicitHashKey)
    {
        Record = record;
        Reason = reason;
        IsAggregated = isAggregated;
        knownHashKey = hashKey;
        hashKeySource = source;
        HasExplicitHashKey = hasExplicitHashKey;
    }

    private enum HashKeySource : byte
    {
        None,
        Known,
        PartitionKey,
    }

    /// <summary>The user record (or, for a rejected aggregate, the whole Kinesis record).</summary>
    public SourceRecord Record { get; }

    /// <summary>Why the record is dead-lettered (<c>BadAggregate</c>, <c>HashKeyOutsideShard</c>); null when it is good.</summary>
    public DeadLetterReason? Reason { get; }

    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess => Reason is null;

    /// <summary>True when the record came out of a KPL aggregate (including a rejected one).</summary>
    public bool IsAggregated { get; }

    /// <summary>
    /// The hash key that places the user record on a shard: its explicit hash key, else the MD5 of its partition key.
    /// Null for plain (non-aggregated) records and for records whose keys could not be resolved. When no shard range was
    /// checked, the partition key's hash is computed on first access rather than during de-aggregation.
    /// </summary>
    public UInt128? EffectiveHashKey => hashKeySource switch
    {
        HashKeySource.Known => knownHashKey,
        HashKeySource.PartitionKey => HashKeys.FromPartitionKey(Record.PartitionKey),
        _ => null,
    };

    /// <summary>A good user record whose hash key is the MD5 of its partition key, computed when asked for.</summary>
    internal static DeaggregatedRecord WithPartitionKeyHash(SourceRecord record) =>
        new(record, null, isAggregated: true, default, HashKeySource.PartitionKey, hasExplicitHashKey: false);

    /// <summary>True when <see cref="EffectiveHashKey"/> came from an explicit hash key.</summary>
    public bool HasExplicitHashKey { get; }
}

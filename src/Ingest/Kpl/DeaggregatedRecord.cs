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
    internal DeaggregatedRecord(SourceRecord record, DeadLetterReason? reason, bool isAggregated, UInt128? effectiveHashKey, bool hasExplicitHashKey)
    {
        Record = record;
        Reason = reason;
        IsAggregated = isAggregated;
        EffectiveHashKey = effectiveHashKey;
        HasExplicitHashKey = hasExplicitHashKey;
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
    /// Null for plain (non-aggregated) records and for records whose keys could not be resolved.
    /// </summary>
    public UInt128? EffectiveHashKey { get; }

    /// <summary>True when <see cref="EffectiveHashKey"/> came from an explicit hash key.</summary>
    public bool HasExplicitHashKey { get; }
}

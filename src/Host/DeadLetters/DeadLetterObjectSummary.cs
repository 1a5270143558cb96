using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Host.DeadLetters;

/// <summary>One dead-letter object: its key, size, record count, counts by reason kind and arrival range.</summary>
internal sealed record DeadLetterObjectSummary(
    string Key,
    long Bytes,
    DateTimeOffset LastModified,
    int Records,
    IReadOnlyDictionary<DeadLetterKind, int> ByReason,
    DateTimeOffset? FirstArrival,
    DateTimeOffset? LastArrival)
{
    /// <summary>Summarizes the envelopes of one object.</summary>
    public static DeadLetterObjectSummary Of(ObjectInfo info, IReadOnlyList<DeadLetterRecord> envelopes)
    {
        var byReason = new SortedDictionary<DeadLetterKind, int>();
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        foreach (var envelope in envelopes)
        {
            byReason[envelope.Reason.Kind] = byReason.GetValueOrDefault(envelope.Reason.Kind) + 1;
            if (first is null || envelope.ArrivalTime < first)
            {
                first = envelope.ArrivalTime;
            }

            if (last is null || envelope.ArrivalTime > last)
            {
                last = envelope.ArrivalTime;
            }
        }

        return new DeadLetterObjectSummary(info.Key, info.Size, info.LastModified, envelopes.Count, byReason, first, last);
    }
}

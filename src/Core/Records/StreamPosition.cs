namespace Etl.Core.Records;

/// <summary>
/// Where a user record sits in a stream: the shard, the Kinesis sequence number (a decimal string of up to 128 bits)
/// and the sub-sequence number inside a KPL aggregate (0 for a plain record).
/// </summary>
public readonly record struct StreamPosition(string ShardId, string SequenceNumber, long SubSequenceNumber = 0)
    : IComparable<StreamPosition>
{
    /// <summary>Orders positions within one shard: by sequence number as an unsigned integer, then sub-sequence.</summary>
    public int CompareTo(StreamPosition other)
    {
        var bySequence = CompareSequenceNumbers(SequenceNumber, other.SequenceNumber);
        return bySequence != 0 ? bySequence : SubSequenceNumber.CompareTo(other.SubSequenceNumber);
    }

    /// <summary>Compares two decimal sequence-number strings numerically without parsing them.</summary>
    public static int CompareSequenceNumbers(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ta = a.AsSpan().TrimStart('0');
        var tb = b.AsSpan().TrimStart('0');
        if (ta.Length != tb.Length)
        {
            return ta.Length.CompareTo(tb.Length);
        }

        return ta.SequenceCompareTo(tb) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    public override string ToString() => $"{ShardId}/{SequenceNumber}/{SubSequenceNumber}";
}

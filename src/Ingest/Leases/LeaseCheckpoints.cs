namespace Etl.Ingest.Leases;

/// <summary>The checkpoint sentinels of the KCL lease table.</summary>
public static class LeaseCheckpoints
{
    public const string TrimHorizon = "TRIM_HORIZON";
    public const string Latest = "LATEST";
    public const string AtTimestamp = "AT_TIMESTAMP";
    public const string ShardEnd = "SHARD_END";

    /// <summary>True for a decimal sequence number (not a sentinel).</summary>
    public static bool IsSequenceNumber(string checkpoint)
    {
        if (string.IsNullOrEmpty(checkpoint))
        {
            return false;
        }

        foreach (var c in checkpoint)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True while a child lease has not processed anything yet (KCL: parent cleanup waits for this to change).</summary>
    public static bool IsInitial(string checkpoint) =>
        checkpoint is TrimHorizon or Latest or AtTimestamp;
}

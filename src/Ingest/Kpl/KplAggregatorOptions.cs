namespace Etl.Ingest.Kpl;

/// <summary>Settings of <see cref="KplAggregator"/>.</summary>
public sealed class KplAggregatorOptions
{
    /// <summary>
    /// Largest Kinesis record to produce, counting data plus partition key bytes as Kinesis does.
    /// Default <see cref="KplWireFormat.MaxKinesisRecordBytes"/> (1 MiB), the service limit.
    /// </summary>
    public int MaxRecordBytes { get; init; } = KplWireFormat.MaxKinesisRecordBytes;

    /// <summary>Most user records in one aggregate. Default <see cref="int.MaxValue"/> (bounded by size only).</summary>
    public int MaxUserRecords { get; init; } = int.MaxValue;

    /// <summary>The service limits: 1 MiB records, no count limit.</summary>
    public static KplAggregatorOptions Default { get; } = new();

    /// <summary>The KPL's own default aggregate size (50 KiB), which keeps individual PutRecords calls small.</summary>
    public static KplAggregatorOptions KplDefaults { get; } = new() { MaxRecordBytes = 51_200 };

    /// <summary>Throws with a message naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxRecordBytes < 64 || MaxRecordBytes > KplWireFormat.MaxKinesisRecordBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxRecordBytes),
                MaxRecordBytes,
                $"{nameof(MaxRecordBytes)} must be between 64 and {KplWireFormat.MaxKinesisRecordBytes}.");
        }

        if (MaxUserRecords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxUserRecords), MaxUserRecords, $"{nameof(MaxUserRecords)} must be at least 1.");
        }
    }
}

namespace Etl.SchemaGovernance.Framing;

/// <summary>Settings of <see cref="GsrFrameDecoder"/>.</summary>
public sealed class GsrFrameOptions
{
    /// <summary>The default cap on an inflated payload: 16 MiB (ten times the largest Kinesis record).</summary>
    public const int DefaultMaxDecompressedBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Largest payload a compressed frame may inflate to. A frame that would exceed it is rejected as
    /// <c>DecompressionLimit</c> without inflating further. Default <see cref="DefaultMaxDecompressedBytes"/>.
    /// </summary>
    public int MaxDecompressedBytes { get; init; } = DefaultMaxDecompressedBytes;

    /// <summary>What to do with a record without a header. Default <see cref="UnframedRecordPolicy.Reject"/>.</summary>
    public UnframedRecordPolicy UnframedRecords { get; init; } = UnframedRecordPolicy.Reject;

    /// <summary>
    /// Schema version applied to records without a header when <see cref="UnframedRecords"/> is
    /// <see cref="UnframedRecordPolicy.UseDefaultSchemaVersion"/>. Required in that mode. Default none.
    /// </summary>
    public Guid? DefaultSchemaVersionId { get; init; }

    /// <summary>Reject every record that has no header; 16 MiB inflate cap.</summary>
    public static GsrFrameOptions Strict { get; } = new();

    /// <summary>Options that accept unframed records as payloads of <paramref name="schemaVersionId"/>.</summary>
    public static GsrFrameOptions AcceptUnframed(Guid schemaVersionId) => new()
    {
        UnframedRecords = UnframedRecordPolicy.UseDefaultSchemaVersion,
        DefaultSchemaVersionId = schemaVersionId,
    };

    /// <summary>Throws with a message naming the setting when the options are inconsistent.</summary>
    public void Validate()
    {
        if (MaxDecompressedBytes <= 0 || MaxDecompressedBytes >= Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxDecompressedBytes),
                MaxDecompressedBytes,
                $"{nameof(MaxDecompressedBytes)} must be between 1 and {Array.MaxLength - 1}.");
        }

        if (!Enum.IsDefined(UnframedRecords))
        {
            throw new ArgumentOutOfRangeException(nameof(UnframedRecords), UnframedRecords, $"{nameof(UnframedRecords)} is not a known policy.");
        }

        if (UnframedRecords == UnframedRecordPolicy.UseDefaultSchemaVersion && (DefaultSchemaVersionId ?? Guid.Empty) == Guid.Empty)
        {
            throw new ArgumentException(
                $"{nameof(DefaultSchemaVersionId)} must be set when {nameof(UnframedRecords)} is {nameof(UnframedRecordPolicy.UseDefaultSchemaVersion)}.",
                nameof(DefaultSchemaVersionId));
        }
    }
}

namespace Etl.Ingest.Kpl;

/// <summary>
/// Byte layout of a KPL aggregated record: the 4-byte magic, a protobuf <c>AggregatedRecord</c>, and the MD5 of that
/// protobuf body as a 16-byte trailer.
/// </summary>
public static class KplWireFormat
{
    /// <summary>Length of <see cref="Magic"/>.</summary>
    public const int MagicLength = 4;

    /// <summary>Length of the MD5 trailer.</summary>
    public const int DigestLength = 16;

    /// <summary>Magic plus trailer: the bytes an aggregate adds around its protobuf body.</summary>
    public const int FixedOverhead = MagicLength + DigestLength;

    /// <summary>The largest Kinesis record: data plus partition key, 1 MiB.</summary>
    public const int MaxKinesisRecordBytes = 1024 * 1024;

    /// <summary>The Kinesis-level partition key the KPL uses for every aggregate of two or more records.</summary>
    public const string AggregatePartitionKey = "a";

    // Protobuf field tags (field number << 3 | wire type).
    internal const uint TagPartitionKeyTable = (1 << 3) | 2;
    internal const uint TagExplicitHashKeyTable = (2 << 3) | 2;
    internal const uint TagRecords = (3 << 3) | 2;
    internal const uint TagPartitionKeyIndex = (1 << 3) | 0;
    internal const uint TagExplicitHashKeyIndex = (2 << 3) | 0;
    internal const uint TagData = (3 << 3) | 2;
    internal const uint TagTags = (4 << 3) | 2;
    internal const uint TagTagKey = (1 << 3) | 2;
    internal const uint TagTagValue = (2 << 3) | 2;

    /// <summary>The magic prefix F3 89 9A C2.</summary>
    public static ReadOnlySpan<byte> Magic => [0xF3, 0x89, 0x9A, 0xC2];

    /// <summary>True when <paramref name="data"/> starts with the magic and is long enough to hold a body and a trailer.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> data) =>
        data.Length > FixedOverhead && data[..MagicLength].SequenceEqual(Magic);
}

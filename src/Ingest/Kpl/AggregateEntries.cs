namespace Etl.Ingest.Kpl;

/// <summary>Where one key-table entry sits in the Kinesis record's data.</summary>
internal readonly record struct ByteRange(int Offset, int Length);

/// <summary>One user record of an aggregate, as offsets into the Kinesis record's data.</summary>
internal readonly record struct UserRecordEntry(ulong PartitionKeyIndex, ulong ExplicitHashKeyIndex, bool HasExplicitHashKey, ByteRange Data);

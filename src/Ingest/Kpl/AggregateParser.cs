namespace Etl.Ingest.Kpl;

/// <summary>
/// Parses the protobuf body of a KPL aggregate into offset tables without copying anything. Proto2 rules apply: a
/// record without <c>partition_key_index</c> or <c>data</c>, or a tag without <c>key</c>, makes the message invalid;
/// unknown fields are skipped; a known field number with an unexpected wire type is an unknown field.
/// </summary>
internal static class AggregateParser
{
    /// <summary>
    /// Fills the three tables from <paramref name="data"/>[bodyOffset .. bodyOffset + bodyLength]; offsets are relative
    /// to <paramref name="data"/>. Returns a description of the defect, or null when the body is well-formed.
    /// </summary>
    public static string? Parse(
        ReadOnlySpan<byte> data,
        int bodyOffset,
        int bodyLength,
        ref PooledList<ByteRange> partitionKeys,
        ref PooledList<ByteRange> explicitHashKeys,
        ref PooledList<UserRecordEntry> records)
    {
        var body = data.Slice(bodyOffset, bodyLength);
        var reader = new ProtoReader(body);
        while (!reader.AtEnd)
        {
            var fieldStart = reader.Position;
            if (!reader.TryReadTag(out var tag))
            {
                return $"Malformed field tag at body offset {fieldStart}.";
            }

            switch (tag)
            {
                case KplWireFormat.TagPartitionKeyTable:
                case KplWireFormat.TagExplicitHashKeyTable:
                    if (!reader.TryReadLengthDelimited(out var keyOffset, out var keyLength))
                    {
                        return $"Key table entry at body offset {fieldStart} overruns the aggregate.";
                    }

                    var range = new ByteRange(bodyOffset + keyOffset, keyLength);
                    if (tag == KplWireFormat.TagPartitionKeyTable)
                    {
                        partitionKeys.Add(range);
                    }
                    else
                    {
                        explicitHashKeys.Add(range);
                    }

                    break;

                case KplWireFormat.TagRecords:
                    if (!reader.TryReadLengthDelimited(out var recordOffset, out var recordLength))
                    {
                        return $"Record {records.Count} at body offset {fieldStart} overruns the aggregate.";
                    }

                    var error = ParseRecord(body.Slice(recordOffset, recordLength), bodyOffset + recordOffset, records.Count, out var entry);
                    if (error is not null)
                    {
                        return error;
                    }

                    records.Add(entry);
                    break;

                default:
                    if (!reader.TrySkip(tag))
                    {
                        return $"Unknown field {tag >> 3} with wire type {tag & 7} at body offset {fieldStart} cannot be skipped.";
                    }

                    break;
            }
        }

        return null;
    }

    private static string? ParseRecord(ReadOnlySpan<byte> message, int messageOffset, int index, out UserRecordEntry entry)
    {
        entry = default;
        ulong partitionKeyIndex = 0;
        ulong explicitHashKeyIndex = 0;
        bool hasPartitionKeyIndex = false, hasExplicitHashKey = false, hasData = false;
        ByteRange payload = default;

        var reader = new ProtoReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var tag))
            {
                return $"Record {index}: malformed field tag.";
            }

            switch (tag)
            {
                case KplWireFormat.TagPartitionKeyIndex:
                    if (!reader.TryReadVarint(out partitionKeyIndex))
                    {
                        return $"Record {index}: malformed partition_key_index.";
                    }

                    hasPartitionKeyIndex = true;
                    break;

                case KplWireFormat.TagExplicitHashKeyIndex:
                    if (!reader.TryReadVarint(out explicitHashKeyIndex))
                    {
                        return $"Record {index}: malformed explicit_hash_key_index.";
                    }

                    hasExplicitHashKey = true;
                    break;

                case KplWireFormat.TagData:
                    if (!reader.TryReadLengthDelimited(out var dataOffset, out var dataLength))
                    {
                        return $"Record {index}: data overruns the record.";
                    }

                    payload = new ByteRange(messageOffset + dataOffset, dataLength);
                    hasData = true;
                    break;

                case KplWireFormat.TagTags:
                    if (!reader.TryReadLengthDelimited(out var tagOffset, out var tagLength) || !IsValidTag(message.Slice(tagOffset, tagLength)))
                    {
                        return $"Record {index}: malformed tag.";
                    }

                    break;

                default:
                    if (!reader.TrySkip(tag))
                    {
                        return $"Record {index}: unknown field {tag >> 3} with wire type {tag & 7} cannot be skipped.";
                    }

                    break;
            }
        }

        if (!hasPartitionKeyIndex)
        {
            return $"Record {index}: the required partition_key_index is missing.";
        }

        if (!hasData)
        {
            return $"Record {index}: the required data is missing.";
        }

        entry = new UserRecordEntry(partitionKeyIndex, explicitHashKeyIndex, hasExplicitHashKey, payload);
        return null;
    }

    private static bool IsValidTag(ReadOnlySpan<byte> message)
    {
        var hasKey = false;
        var reader = new ProtoReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var tag))
            {
                return false;
            }

            if (tag is KplWireFormat.TagTagKey or KplWireFormat.TagTagValue)
            {
                if (!reader.TryReadLengthDelimited(out _, out _))
                {
                    return false;
                }

                hasKey |= tag == KplWireFormat.TagTagKey;
            }
            else if (!reader.TrySkip(tag))
            {
                return false;
            }
        }

        return hasKey;
    }
}

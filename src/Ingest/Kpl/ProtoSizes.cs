namespace Etl.Ingest.Kpl;

/// <summary>Encoded sizes of the protobuf pieces an aggregate is made of.</summary>
internal static class ProtoSizes
{
    public static int Varint(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }

    /// <summary>A one-byte tag, the length varint and the content.</summary>
    public static long LengthDelimitedField(long contentLength) => 1 + Varint((ulong)contentLength) + contentLength;

    /// <summary>The content of one Record message (without its own tag and length).</summary>
    public static long RecordMessage(int partitionKeyIndex, int explicitHashKeyIndex, int dataLength)
    {
        long size = 1 + Varint((ulong)partitionKeyIndex);
        if (explicitHashKeyIndex >= 0)
        {
            size += 1 + Varint((ulong)explicitHashKeyIndex);
        }

        return size + LengthDelimitedField(dataLength);
    }
}

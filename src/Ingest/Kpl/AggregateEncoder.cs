using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Etl.Ingest.Kpl;

/// <summary>Writes magic, the protobuf AggregatedRecord and its MD5 into one exactly sized array.</summary>
internal static class AggregateEncoder
{
    [SuppressMessage("Security", "CA5351", Justification = "The KPL format defines an MD5 checksum; it is an integrity check, not security.")]
    public static byte[] Encode(List<string> partitionKeys, List<string> explicitHashKeys, List<KplAggregator.Pending> records, int bodyLength)
    {
        var output = new byte[KplWireFormat.FixedOverhead + bodyLength];
        KplWireFormat.Magic.CopyTo(output);
        var body = output.AsSpan(KplWireFormat.MagicLength, bodyLength);
        var position = 0;

        foreach (var key in partitionKeys)
        {
            WriteString(body, ref position, (byte)KplWireFormat.TagPartitionKeyTable, key);
        }

        foreach (var key in explicitHashKeys)
        {
            WriteString(body, ref position, (byte)KplWireFormat.TagExplicitHashKeyTable, key);
        }

        foreach (var record in records)
        {
            var data = record.Record.Data.Span;
            body[position++] = (byte)KplWireFormat.TagRecords;
            WriteVarint(body, ref position, (ulong)ProtoSizes.RecordMessage(record.PartitionKeyIndex, record.ExplicitHashKeyIndex, data.Length));
            body[position++] = (byte)KplWireFormat.TagPartitionKeyIndex;
            WriteVarint(body, ref position, (ulong)record.PartitionKeyIndex);
            if (record.ExplicitHashKeyIndex >= 0)
            {
                body[position++] = (byte)KplWireFormat.TagExplicitHashKeyIndex;
                WriteVarint(body, ref position, (ulong)record.ExplicitHashKeyIndex);
            }

            body[position++] = (byte)KplWireFormat.TagData;
            WriteVarint(body, ref position, (ulong)data.Length);
            data.CopyTo(body[position..]);
            position += data.Length;
        }

        Debug.Assert(position == bodyLength, "The size computed while adding records must match what was written.");
        if (position != bodyLength)
        {
            throw new InvalidOperationException($"Aggregate body is {position} bytes, expected {bodyLength}.");
        }

        MD5.HashData(body, output.AsSpan(KplWireFormat.MagicLength + bodyLength));
        return output;
    }

    private static void WriteString(Span<byte> body, ref int position, byte tag, string value)
    {
        body[position++] = tag;
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(body, ref position, (ulong)length);
        position += Encoding.UTF8.GetBytes(value, body[position..]);
    }

    private static void WriteVarint(Span<byte> body, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            body[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        body[position++] = (byte)value;
    }
}

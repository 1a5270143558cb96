using System.Security.Cryptography;
using System.Text;
using Etl.Ingest.Kpl;

namespace Etl.Ingest.Tests.Kpl;

/// <summary>Hand-builds protobuf bytes and KPL aggregates from the documented byte layout, independently of the code under test.</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> bytes = [];

    public byte[] ToArray() => [.. bytes];

    public ProtoWriter Varint(ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return this;
    }

    public ProtoWriter Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    public ProtoWriter VarintField(int field, ulong value) => Tag(field, 0).Varint(value);

    public ProtoWriter BytesField(int field, byte[] value)
    {
        Tag(field, 2).Varint((ulong)value.Length);
        bytes.AddRange(value);
        return this;
    }

    public ProtoWriter StringField(int field, string value) => BytesField(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Raw(params byte[] raw)
    {
        bytes.AddRange(raw);
        return this;
    }

    /// <summary>Record message: partition_key_index, optional explicit_hash_key_index, data.</summary>
    public static byte[] Record(ulong partitionKeyIndex, ulong? explicitHashKeyIndex, byte[] data)
    {
        var w = new ProtoWriter().VarintField(1, partitionKeyIndex);
        if (explicitHashKeyIndex is { } e)
        {
            w.VarintField(2, e);
        }

        return w.BytesField(3, data).ToArray();
    }

    /// <summary>Wraps a protobuf body as an aggregate: magic, body, MD5(body).</summary>
    public static byte[] Aggregate(byte[] body)
    {
#pragma warning disable CA5351 // The KPL format's checksum is MD5.
        var digest = MD5.HashData(body);
#pragma warning restore CA5351
        return [.. KplWireFormat.Magic, .. body, .. digest];
    }
}

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Etl.Ingest.Kpl;

/// <summary>How Kinesis maps a record onto a shard: an explicit hash key, or the MD5 of the partition key.</summary>
public static class HashKeys
{
    // Above this the platform MD5's per-call cost no longer dominates.
    private const int ManagedMd5Limit = 1024;

    /// <summary>The MD5 of the partition key's bytes, read as an unsigned big-endian 128-bit integer.</summary>
    [SuppressMessage("Security", "CA5351", Justification = "MD5 is the hash Kinesis itself uses to place partition keys; it is not used for security.")]
    public static UInt128 FromPartitionKeyUtf8(ReadOnlySpan<byte> partitionKeyUtf8)
    {
        Span<byte> digest = stackalloc byte[16];
        if (partitionKeyUtf8.Length <= ManagedMd5Limit)
        {
            ShortMd5.Hash(partitionKeyUtf8, digest);
        }
        else
        {
            MD5.HashData(partitionKeyUtf8, digest);
        }

        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    /// <summary>The MD5 of the partition key's UTF-8 bytes, read as an unsigned big-endian 128-bit integer.</summary>
    public static UInt128 FromPartitionKey(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var max = Encoding.UTF8.GetMaxByteCount(partitionKey.Length);
        var buffer = max <= 1024 ? stackalloc byte[max] : new byte[max];
        var n = Encoding.UTF8.GetBytes(partitionKey, buffer);
        return FromPartitionKeyUtf8(buffer[..n]);
    }

    /// <summary>Parses an explicit hash key: ASCII decimal digits of a value in [0, 2^128 - 1].</summary>
    public static bool TryParseExplicit(ReadOnlySpan<byte> utf8Digits, out UInt128 hashKey) =>
        UInt128.TryParse(utf8Digits, NumberStyles.None, CultureInfo.InvariantCulture, out hashKey);

    /// <summary>Parses an explicit hash key given as a string of decimal digits.</summary>
    public static bool TryParseExplicit(string? digits, out UInt128 hashKey) =>
        UInt128.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out hashKey);

    /// <summary>Formats a hash key as decimal digits, the form Kinesis APIs take.</summary>
    public static string Format(UInt128 hashKey) => hashKey.ToString(CultureInfo.InvariantCulture);
}

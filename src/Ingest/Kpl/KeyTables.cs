using System.Buffers;
using System.Text;

namespace Etl.Ingest.Kpl;

/// <summary>
/// The key tables of one aggregate, resolved lazily: each partition key is decoded and hashed, and each explicit hash
/// key parsed, at most once however many user records share it. Caches are rented from the shared pool.
/// </summary>
internal ref struct KeyTables
{
    private const byte Unresolved = 0;
    private const byte Valid = 1;
    private const byte Invalid = 2;

    private readonly ReadOnlySpan<byte> data;
    private readonly ReadOnlySpan<ByteRange> partitionKeyRanges;
    private readonly ReadOnlySpan<ByteRange> explicitHashKeyRanges;
    private string?[]? partitionKeys;
    private UInt128[]? partitionHashes;
    private byte[]? partitionHashStates;
    private UInt128[]? explicitHashes;
    private byte[]? explicitStates;

    public KeyTables(ReadOnlySpan<byte> data, ReadOnlySpan<ByteRange> partitionKeyRanges, ReadOnlySpan<ByteRange> explicitHashKeyRanges)
    {
        this.data = data;
        this.partitionKeyRanges = partitionKeyRanges;
        this.explicitHashKeyRanges = explicitHashKeyRanges;
    }

    internal enum Lookup
    {
        Found,
        OutOfRange,
        Invalid,
    }

    public readonly int PartitionKeyCount => partitionKeyRanges.Length;

    public readonly int ExplicitHashKeyCount => explicitHashKeyRanges.Length;

    /// <summary>The partition key at <paramref name="index"/>, decoded once per table entry.</summary>
    public bool TryGetPartitionKey(ulong index, out string partitionKey)
    {
        partitionKey = string.Empty;
        if (index >= (ulong)partitionKeyRanges.Length)
        {
            return false;
        }

        var i = (int)index;
        if (partitionKeys is null)
        {
            partitionKeys = ArrayPool<string?>.Shared.Rent(partitionKeyRanges.Length);
            Array.Clear(partitionKeys, 0, partitionKeyRanges.Length);
        }

        partitionKey = partitionKeys[i] ??= Encoding.UTF8.GetString(data.Slice(partitionKeyRanges[i].Offset, partitionKeyRanges[i].Length));
        return true;
    }

    /// <summary>
    /// The hash key of the partition key at <paramref name="index"/> (which must resolve), computed once per entry from
    /// the decoded key's UTF-8 bytes, as the KCL does (so invalid UTF-8 hashes as its replacement characters).
    /// </summary>
    public UInt128 GetPartitionKeyHash(ulong index)
    {
        var i = (int)index;
        if (partitionHashStates is null)
        {
            partitionHashStates = ArrayPool<byte>.Shared.Rent(partitionKeyRanges.Length);
            Array.Clear(partitionHashStates, 0, partitionKeyRanges.Length);
            partitionHashes = ArrayPool<UInt128>.Shared.Rent(partitionKeyRanges.Length);
        }

        if (partitionHashStates[i] == Unresolved)
        {
            TryGetPartitionKey(index, out var key);
            partitionHashes![i] = HashKeys.FromPartitionKey(key);
            partitionHashStates[i] = Valid;
        }

        return partitionHashes![i];
    }

    /// <summary>The explicit hash key at <paramref name="index"/>, parsed from its decimal digits.</summary>
    public Lookup TryGetExplicitHashKey(ulong index, out UInt128 hashKey)
    {
        hashKey = default;
        if (index >= (ulong)explicitHashKeyRanges.Length)
        {
            return Lookup.OutOfRange;
        }

        var i = (int)index;
        if (explicitStates is null)
        {
            explicitStates = ArrayPool<byte>.Shared.Rent(explicitHashKeyRanges.Length);
            Array.Clear(explicitStates, 0, explicitHashKeyRanges.Length);
            explicitHashes = ArrayPool<UInt128>.Shared.Rent(explicitHashKeyRanges.Length);
        }

        if (explicitStates[i] == Unresolved)
        {
            var digits = data.Slice(explicitHashKeyRanges[i].Offset, explicitHashKeyRanges[i].Length);
            var ok = HashKeys.TryParseExplicit(digits, out explicitHashes![i]);
            explicitStates[i] = ok ? Valid : Invalid;
        }

        if (explicitStates[i] == Invalid)
        {
            return Lookup.Invalid;
        }

        hashKey = explicitHashes![i];
        return Lookup.Found;
    }

    public void Dispose()
    {
        if (partitionKeys is not null)
        {
            ArrayPool<string?>.Shared.Return(partitionKeys, clearArray: true);
            partitionKeys = null;
        }

        if (partitionHashStates is not null)
        {
            ArrayPool<byte>.Shared.Return(partitionHashStates);
            ArrayPool<UInt128>.Shared.Return(partitionHashes!);
            partitionHashStates = null;
            partitionHashes = null;
        }

        if (explicitStates is not null)
        {
            ArrayPool<byte>.Shared.Return(explicitStates);
            ArrayPool<UInt128>.Shared.Return(explicitHashes!);
            explicitStates = null;
            explicitHashes = null;
        }
    }
}

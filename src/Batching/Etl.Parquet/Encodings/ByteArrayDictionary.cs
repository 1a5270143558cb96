using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Etl.Parquet.Encodings;

/// <summary>
/// Builds a dictionary of byte strings that point into the column's own data (no copies), with an open-addressing
/// hash table. Gives up once the PLAIN-encoded dictionary would pass its byte limit.
/// </summary>
internal sealed class ByteArrayDictionary
{
    private const int EarlyCheck = 16_384;
    private int[] _slots = new int[1024];
    private uint[] _hashes = new uint[1024];
    private int[] _first = new int[256];
    private int _count;
    private int _shift = 32 - 10;
    private long _bytes;

    public int Count => _count;

    /// <summary>For each dictionary entry, the index of the value where it first occurs.</summary>
    public ReadOnlySpan<int> FirstOccurrences => _first.AsSpan(0, _count);

    /// <summary>Plain-encoded size of the dictionary (4-byte length prefix per entry unless fixed-length).</summary>
    public long PlainBytes => _bytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryBuild(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, bool fixedLength, Span<int> indices, int maxBytes)
    {
        Reset();
        var valueCount = offsets.Length - 1;
        var slots = _slots;
        var hashes = _hashes;
        var shift = _shift;
        var mask = slots.Length - 1;
        var perEntry = fixedLength ? 0 : 4;
        var count = 0;
        var bytes = 0L;
        for (var i = 0; i < valueCount; i++)
        {
            if (i == EarlyCheck && count > EarlyCheck * 9 / 10)
            {
                // Nine in ten values distinct so far: a dictionary will not pay off; stop hashing early.
                _count = count;
                return false;
            }

            var start = offsets[i];
            var value = data.Slice(start, offsets[i + 1] - start);
            var hash = Hash(value);
            var h = (int)((hash * 0x9E3779B1u) >> shift);
            while (true)
            {
                var slot = slots[h];
                if (slot == 0)
                {
                    bytes += value.Length + perEntry;
                    if (bytes > maxBytes)
                    {
                        _count = count;
                        _bytes = bytes;
                        return false;
                    }

                    slots[h] = count + 1;
                    hashes[h] = hash;
                    if (count == _first.Length)
                    {
                        Array.Resize(ref _first, _first.Length * 2);
                    }

                    _first[count] = i;
                    indices[i] = count++;
                    if (count * 2 > slots.Length)
                    {
                        _count = count;
                        Rehash(data, offsets);
                        slots = _slots;
                        hashes = _hashes;
                        shift = _shift;
                        mask = slots.Length - 1;
                    }

                    break;
                }

                if (hashes[h] == hash)
                {
                    var other = _first[slot - 1];
                    var otherStart = offsets[other];
                    if (value.SequenceEqual(data.Slice(otherStart, offsets[other + 1] - otherStart)))
                    {
                        indices[i] = slot - 1;
                        break;
                    }
                }

                h = (h + 1) & mask;
            }
        }

        _count = count;
        _bytes = bytes;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        ulong h = (ulong)length * 0x9E3779B97F4A7C15UL;
        if (length >= 8)
        {
            var i = 0;
            for (; i + 8 < length; i += 8)
            {
                h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(value[i..])) * 0xBF58476D1CE4E5B9UL;
                h ^= h >> 31;
            }

            // The last 8 bytes, overlapping the previous block when the length is not a multiple of 8.
            h ^= BinaryPrimitives.ReadUInt64LittleEndian(value[(length - 8)..]);
        }
        else if (length >= 4)
        {
            h ^= ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(value) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(value[(length - 4)..]);
        }
        else if (length > 0)
        {
            h ^= ((ulong)value[0] << 16) | ((ulong)value[length >> 1] << 8) | value[length - 1];
        }

        h *= 0x94D049BB133111EBUL;
        h ^= h >> 29;
        return (uint)(h ^ (h >> 32));
    }

    private void Reset()
    {
        if (_count > 0)
        {
            Array.Clear(_slots);
        }

        _count = 0;
        _bytes = 0;
    }

    private void Rehash(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets)
    {
        var size = _slots.Length * 2;
        _slots = new int[size];
        _hashes = new uint[size];
        _shift = 32 - BitOperations.Log2((uint)size);
        var mask = size - 1;
        for (var e = 0; e < _count; e++)
        {
            var v = _first[e];
            var hash = Hash(data[offsets[v]..offsets[v + 1]]);
            var h = (int)((hash * 0x9E3779B1u) >> _shift);
            while (_slots[h] != 0)
            {
                h = (h + 1) & mask;
            }

            _slots[h] = e + 1;
            _hashes[h] = hash;
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace Etl.Parquet.Encodings;

/// <summary>
/// Builds a dictionary for 4- or 8-byte values (keyed by their bits, so NaN payloads and -0.0 stay distinct) with an
/// open-addressing hash table. Gives up as soon as the dictionary would pass its byte limit.
/// </summary>
internal sealed class FixedWidthDictionary<T>
    where T : unmanaged
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const int EarlyCheck = 16_384;
    private ulong[] _keys = new ulong[1024];
    private int[] _slots = new int[1024];
    private T[] _uniques = new T[256];
    private int _count;
    private int _shift = 64 - 10;
    private int[] _dense = [];
    private bool _slotsUsed;

    public int Count => _count;

    public ReadOnlySpan<T> Uniques => _uniques.AsSpan(0, _count);

    /// <summary>Maps every value to its dictionary index; false if the dictionary grew past <paramref name="maxBytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryBuild(ReadOnlySpan<T> values, Span<int> indices, int maxBytes)
    {
        Reset();
        _slotsUsed = true;
        var maxEntries = maxBytes / Unsafe.SizeOf<T>();
        var keys = _keys;
        var slots = _slots;
        var shift = _shift;
        var mask = keys.Length - 1;
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i == EarlyCheck && count > EarlyCheck * 9 / 10)
            {
                // Nine in ten values distinct so far: a dictionary will not pay off; stop hashing early.
                _count = count;
                return false;
            }

            var value = values[i];
            var bits = Bits(value);
            var h = (int)((bits * Golden) >> shift);
            while (true)
            {
                var slot = slots[h];
                if (slot == 0)
                {
                    if (count >= maxEntries)
                    {
                        _count = count;
                        return false;
                    }

                    keys[h] = bits;
                    slots[h] = count + 1;
                    if (count == _uniques.Length)
                    {
                        Array.Resize(ref _uniques, _uniques.Length * 2);
                    }

                    _uniques[count] = value;
                    indices[i] = count++;
                    if (count * 2 > keys.Length)
                    {
                        _count = count;
                        Rehash();
                        keys = _keys;
                        slots = _slots;
                        shift = _shift;
                        mask = keys.Length - 1;
                    }

                    break;
                }

                if (keys[h] == bits)
                {
                    indices[i] = slot - 1;
                    break;
                }

                h = (h + 1) & mask;
            }
        }

        _count = count;
        return true;
    }

    /// <summary>
    /// The same as <see cref="TryBuild"/> for integers whose range (<paramref name="max"/> - <paramref name="min"/>)
    /// is small: a direct lookup table indexed by value - min replaces hashing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryBuildDense(ReadOnlySpan<T> values, Span<int> indices, int maxBytes, long min, int range)
    {
        Reset();
        var maxEntries = maxBytes / Unsafe.SizeOf<T>();
        if (_dense.Length < range + 1)
        {
            _dense = new int[range + 1];
        }
        else
        {
            _dense.AsSpan(0, range + 1).Clear();
        }

        var dense = _dense;
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var signed = Unsafe.SizeOf<T>() == 8 ? Unsafe.As<T, long>(ref value) : Unsafe.As<T, int>(ref value);
            var offset = (int)(signed - min);

            var slot = dense[offset];
            if (slot == 0)
            {
                if (count >= maxEntries)
                {
                    _count = count;
                    return false;
                }

                if (count == _uniques.Length)
                {
                    Array.Resize(ref _uniques, _uniques.Length * 2);
                }

                _uniques[count] = value;
                dense[offset] = ++count;
                indices[i] = count - 1;
            }
            else
            {
                indices[i] = slot - 1;
            }
        }

        _count = count;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(T value) => Unsafe.SizeOf<T>() == 8 ? Unsafe.As<T, ulong>(ref value) : Unsafe.As<T, uint>(ref value);

    private void Reset()
    {
        if (_count > 0 && _slotsUsed)
        {
            Array.Clear(_slots);
        }

        _slotsUsed = false;
        _count = 0;
    }

    private void Rehash()
    {
        var size = _keys.Length * 2;
        _keys = new ulong[size];
        _slots = new int[size];
        _shift = 64 - BitOperations.Log2((uint)size);
        var mask = size - 1;
        for (var i = 0; i < _count; i++)
        {
            var bits = Bits(_uniques[i]);
            var h = (int)((bits * Golden) >> _shift);
            while (_slots[h] != 0)
            {
                h = (h + 1) & mask;
            }

            _keys[h] = bits;
            _slots[h] = i + 1;
        }
    }
}

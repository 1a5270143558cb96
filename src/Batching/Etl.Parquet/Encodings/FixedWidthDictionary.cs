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
    private ulong[] _keys = new ulong[1024];
    private int[] _slots = new int[1024];
    private T[] _uniques = new T[256];
    private int _count;
    private int _shift = 64 - 10;

    public int Count => _count;

    public ReadOnlySpan<T> Uniques => _uniques.AsSpan(0, _count);

    /// <summary>Maps every value to its dictionary index; false if the dictionary grew past <paramref name="maxBytes"/>.</summary>
    public bool TryBuild(ReadOnlySpan<T> values, Span<int> indices, int maxBytes)
    {
        Reset();
        var maxEntries = maxBytes / Unsafe.SizeOf<T>();
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var bits = Bits(value);
            var mask = _keys.Length - 1;
            var h = (int)((bits * 0x9E3779B97F4A7C15UL) >> _shift);
            while (true)
            {
                var slot = _slots[h];
                if (slot == 0)
                {
                    if (_count >= maxEntries)
                    {
                        return false;
                    }

                    _keys[h] = bits;
                    _slots[h] = _count + 1;
                    if (_count == _uniques.Length)
                    {
                        Array.Resize(ref _uniques, _uniques.Length * 2);
                    }

                    _uniques[_count] = value;
                    indices[i] = _count++;
                    if (_count * 2 > _keys.Length)
                    {
                        Rehash();
                    }

                    break;
                }

                if (_keys[h] == bits)
                {
                    indices[i] = slot - 1;
                    break;
                }

                h = (h + 1) & mask;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(T value) => Unsafe.SizeOf<T>() == 8 ? Unsafe.As<T, ulong>(ref value) : Unsafe.As<T, uint>(ref value);

    private void Reset()
    {
        if (_count > 0)
        {
            Array.Clear(_slots);
        }

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
            var h = (int)((bits * 0x9E3779B97F4A7C15UL) >> _shift);
            while (_slots[h] != 0)
            {
                h = (h + 1) & mask;
            }

            _keys[h] = bits;
            _slots[h] = i + 1;
        }
    }
}

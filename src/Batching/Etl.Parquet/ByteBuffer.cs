using System.Buffers;
using System.Runtime.CompilerServices;

namespace Etl.Parquet;

/// <summary>A growable byte buffer rented from the shared pool; return it with <see cref="Dispose"/>.</summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _array;
    private int _length;

    public ByteBuffer(int initialCapacity = 256)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(16, initialCapacity));
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    /// <summary>The backing array; valid up to <see cref="Length"/> until the next write.</summary>
    public byte[] Array => _array;

    public void Clear() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_length == _array.Length)
        {
            Grow(1);
        }

        _array[_length++] = value;
    }

    public void Write(ReadOnlySpan<byte> value)
    {
        if (_array.Length - _length < value.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_array.AsSpan(_length));
        _length += value.Length;
    }

    public Span<byte> GetSpan(int size)
    {
        if (_array.Length - _length < size)
        {
            Grow(size);
        }

        return _array.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void SetLength(int length) => _length = length;

    private void Grow(int needed)
    {
        var target = Math.Max(checked(_length + needed), _array.Length * 2L);
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min(target, System.Array.MaxLength));
        _array.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_array);
        _array = next;
    }

    public void Dispose()
    {
        var array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

using System.Runtime.CompilerServices;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Columns;

/// <summary>A column of fixed-width values (booleans, ints, floats) stored contiguously.</summary>
public abstract class FixedWidthColumnBuffer<T> : ColumnBuffer
    where T : unmanaged
{
    private T[] _values = [];
    private int _count;

    private protected FixedWidthColumnBuffer(ParquetColumn column)
        : base(column)
    {
    }

    public override int ValueCount => _count;

    public override long ValueBytes => (long)_count * Unsafe.SizeOf<T>();

    /// <summary>The present values in order (nulls are not stored).</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, _count);

    /// <summary>Appends a present value to a new row of a flat column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        AddPresentLevels(0);
        if (_count == _values.Length)
        {
            Grow(1);
        }

        _values[_count++] = value;
    }

    /// <summary>Appends a present value at the given repetition level (nested columns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value, int repetitionLevel)
    {
        AddPresentLevels(repetitionLevel);
        if (_count == _values.Length)
        {
            Grow(1);
        }

        _values[_count++] = value;
    }

    /// <summary>Appends many present values to new rows of a flat required column.</summary>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        if (HasLevels)
        {
            foreach (var value in values)
            {
                Append(value);
            }

            return;
        }

        if (_values.Length - _count < values.Length)
        {
            Grow(values.Length);
        }

        values.CopyTo(_values.AsSpan(_count));
        _count += values.Length;
    }

    /// <summary>Reserves room for <paramref name="count"/> more values (avoids growth while filling).</summary>
    public void EnsureCapacity(int count)
    {
        if (_values.Length - _count < count)
        {
            Grow(count);
        }
    }

    private protected override void ClearValues() => _count = 0;

    /// <summary>Bulk path for the reader: values decoded from a page.</summary>
    internal void AppendValuesOnly(ReadOnlySpan<T> values)
    {
        if (_values.Length - _count < values.Length)
        {
            Grow(values.Length);
        }

        values.CopyTo(_values.AsSpan(_count));
        _count += values.Length;
    }

    private void Grow(int extra)
    {
        var size = Math.Max(Math.Max(1024, _values.Length * 2), _count + extra);
        _values = Pooled.Resize(_values, size, _count);
    }

    private protected override void ReturnValueArrays()
    {
        Pooled.Return(_values);
        _values = [];
        _count = 0;
    }
}

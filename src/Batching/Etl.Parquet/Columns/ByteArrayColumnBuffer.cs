using System.Text;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Columns;

/// <summary>
/// BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column: string (UTF-8), binary, and decimals stored as fixed-length bytes.
/// Values are kept back to back in one byte array, so appending does not allocate per value.
/// </summary>
public sealed class ByteArrayColumnBuffer : ColumnBuffer
{
    private readonly int _fixedLength;
    private byte[] _data = [];
    private int[] _offsets = new int[1];
    private int _count;

    internal ByteArrayColumnBuffer(ParquetColumn column)
        : base(column)
    {
        _fixedLength = column.PhysicalType == PhysicalType.FixedLenByteArray ? column.TypeLength : -1;
    }

    public override int ValueCount => _count;

    /// <summary>Plain size: bytes plus the 4-byte length prefix of each BYTE_ARRAY value.</summary>
    public override long ValueBytes => _offsets[_count] + (_fixedLength < 0 ? 4L * _count : 0);

    /// <summary>The i-th present value.</summary>
    public ReadOnlySpan<byte> this[int index] => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    internal ReadOnlySpan<byte> Data => _data.AsSpan(0, _offsets[_count]);

    internal ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, _count + 1);

    /// <summary>Appends bytes (UTF-8 for string columns) to a new row of a flat column.</summary>
    public void Append(ReadOnlySpan<byte> value) => Append(value, 0);

    /// <summary>Appends bytes (UTF-8 for string columns) at the given repetition level.</summary>
    public void Append(ReadOnlySpan<byte> value, int repetitionLevel)
    {
        if (_fixedLength >= 0 && value.Length != _fixedLength)
        {
            throw new ArgumentException($"Column '{Column.DottedPath}' holds {_fixedLength}-byte values, got {value.Length} bytes.", nameof(value));
        }

        AddPresentLevels(repetitionLevel);
        var start = Reserve(value.Length);
        value.CopyTo(_data.AsSpan(start));
        Commit(start + value.Length);
    }

    /// <summary>Appends a string, encoded as UTF-8 straight into the buffer.</summary>
    public void Append(string value, int repetitionLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_fixedLength >= 0)
        {
            throw WrongColumn("Append(string)");
        }

        AddPresentLevels(repetitionLevel);
        var start = Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _data.AsSpan(start));
        Commit(start + written);
    }

    /// <summary>Appends a decimal to a FIXED_LEN_BYTE_ARRAY decimal column (big-endian two's complement).</summary>
    public void AppendDecimal(decimal value, int repetitionLevel = 0)
    {
        if (Column.Field.Type != ParquetColumnType.Decimal || _fixedLength < 0)
        {
            throw WrongColumn(nameof(AppendDecimal));
        }

        var unscaled = DecimalMath.ToUnscaled(value, Column.Field.Precision, Column.Field.Scale);
        AddPresentLevels(repetitionLevel);
        var start = Reserve(_fixedLength);
        DecimalMath.WriteBigEndian(unscaled, _data.AsSpan(start, _fixedLength));
        Commit(start + _fixedLength);
    }

    internal override void AppendObject(object value, int repetitionLevel)
    {
        switch (value)
        {
            case string s when Column.Field.Type == ParquetColumnType.String:
                Append(s, repetitionLevel);
                break;
            case byte[] bytes when Column.Field.Type is ParquetColumnType.Binary or ParquetColumnType.String:
                Append(bytes, repetitionLevel);
                break;
            case decimal m when Column.Field.Type == ParquetColumnType.Decimal:
                AppendDecimal(m, repetitionLevel);
                break;
            default:
                throw WrongType(value, Column.Field.Type switch
                {
                    ParquetColumnType.String => "string",
                    ParquetColumnType.Decimal => "decimal",
                    _ => "byte[]",
                });
        }
    }

    private protected override void ClearValues() => _count = 0;

    private protected override void ReturnValueArrays()
    {
        Pooled.Return(_data);
        Pooled.Return(_offsets);
        _data = [];
        _offsets = new int[1];
        _count = 0;
    }

    /// <summary>Bulk path for the reader: a value without levels.</summary>
    internal void AppendValueOnly(ReadOnlySpan<byte> value)
    {
        var start = Reserve(value.Length);
        value.CopyTo(_data.AsSpan(start));
        Commit(start + value.Length);
    }

    private int Reserve(int bytes)
    {
        var start = _offsets[_count];
        if (_data.Length - start < bytes)
        {
            var size = Math.Max(Math.Max(4096L, _data.Length * 2L), (long)start + bytes);
            _data = Pooled.Resize(_data, (int)Math.Min(size, Array.MaxLength), start);
        }

        if (_count + 1 == _offsets.Length)
        {
            _offsets = Pooled.Resize(_offsets, Math.Max(1024, _offsets.Length * 2), _count + 1);
        }

        return start;
    }

    private void Commit(int end) => _offsets[++_count] = end;
}

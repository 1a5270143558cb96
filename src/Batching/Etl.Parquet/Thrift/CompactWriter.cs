using System.Text;

namespace Etl.Parquet.Thrift;

/// <summary>
/// Thrift compact protocol encoder into a growable buffer. Callers bracket each struct with
/// <see cref="BeginStruct"/>/<see cref="EndStruct"/>, which keep the last-field-id stack the delta encoding needs.
/// </summary>
internal sealed class CompactWriter
{
    private readonly ByteBuffer _buffer;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public CompactWriter(ByteBuffer buffer)
    {
        _buffer = buffer;
    }

    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        _buffer.WriteByte(CompactType.Stop);
        _lastFieldId = _lastFieldIds.Pop();
    }

    public void FieldHeader(short id, byte type)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            _buffer.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            _buffer.WriteByte(type);
            WriteVarint(ZigZag32(id));
        }

        _lastFieldId = id;
    }

    public void FieldBool(short id, bool value) => FieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void FieldByte(short id, sbyte value)
    {
        FieldHeader(id, CompactType.Byte);
        _buffer.WriteByte((byte)value);
    }

    public void FieldI32(short id, int value)
    {
        FieldHeader(id, CompactType.I32);
        WriteVarint(ZigZag32(value));
    }

    public void FieldI64(short id, long value)
    {
        FieldHeader(id, CompactType.I64);
        WriteVarint(ZigZag64(value));
    }

    public void FieldBinary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, CompactType.Binary);
        Binary(value);
    }

    public void FieldString(short id, string value)
    {
        FieldHeader(id, CompactType.Binary);
        String(value);
    }

    public void FieldStruct(short id)
    {
        FieldHeader(id, CompactType.Struct);
        BeginStruct();
    }

    /// <summary>An empty struct as a field (used for the members of unions such as LogicalType).</summary>
    public void FieldEmptyStruct(short id)
    {
        FieldStruct(id);
        EndStruct();
    }

    public void FieldList(short id, byte elementType, int count)
    {
        FieldHeader(id, CompactType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(byte elementType, int count)
    {
        if (count < 15)
        {
            _buffer.WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            _buffer.WriteByte((byte)(0xF0 | elementType));
            WriteVarint((uint)count);
        }
    }

    public void I32(int value) => WriteVarint(ZigZag32(value));

    public void Binary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        _buffer.Write(value);
    }

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)count);
        var span = _buffer.GetSpan(count);
        Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(count);
    }

    private void WriteVarint(uint value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }

    private static uint ZigZag32(int n) => (uint)((n << 1) ^ (n >> 31));

    private static ulong ZigZag64(long n) => (ulong)((n << 1) ^ (n >> 63));
}

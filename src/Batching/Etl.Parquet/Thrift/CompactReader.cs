using System.Buffers.Binary;
using System.Text;

namespace Etl.Parquet.Thrift;

/// <summary>
/// Thrift compact protocol decoder over a byte array. Every read is bounds-checked and every failure is a
/// <see cref="ParquetFormatException"/>; unknown fields are skipped with a nesting limit so hostile input cannot
/// recurse without end.
/// </summary>
internal sealed class CompactReader
{
    private const int MaxDepth = 64;
    private readonly byte[] _data;
    private readonly int _end;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private int _position;

    public CompactReader(byte[] data, int offset, int count, string what)
    {
        _data = data;
        _position = offset;
        _end = offset + count;
        What = what;
    }

    /// <summary>Names the structure being decoded, for error messages ("footer", "page header").</summary>
    public string What { get; }

    public int Position => _position;

    public void BeginStruct()
    {
        if (_lastFieldIds.Count >= MaxDepth)
        {
            throw Corrupt("nesting too deep");
        }

        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct() => _lastFieldId = _lastFieldIds.Pop();

    /// <summary>Reads the next field header; false at the stop byte (which it consumes).</summary>
    public bool NextField(out short id, out byte type)
    {
        var header = ReadByte();
        if (header == CompactType.Stop)
        {
            id = 0;
            type = 0;
            return false;
        }

        type = (byte)(header & 0x0F);
        var delta = header >> 4;
        if (delta == 0)
        {
            var raw = ReadVarint64();
            id = checked((short)(int)UnZigZag((uint)raw));
        }
        else
        {
            id = (short)(_lastFieldId + delta);
        }

        _lastFieldId = id;
        return true;
    }

    public bool ReadBool(byte fieldType) => fieldType switch
    {
        CompactType.BooleanTrue => true,
        CompactType.BooleanFalse => false,
        _ => throw Corrupt($"expected a boolean field, found type {fieldType}"),
    };

    public byte ReadByte()
    {
        if (_position >= _end)
        {
            throw Corrupt("unexpected end of data");
        }

        return _data[_position++];
    }

    public int ReadI32()
    {
        var raw = ReadVarint64();
        if (raw > uint.MaxValue)
        {
            throw Corrupt("32-bit integer out of range");
        }

        return UnZigZag((uint)raw);
    }

    public long ReadI64()
    {
        var raw = ReadVarint64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public double ReadDouble()
    {
        var span = Take(8);
        return BinaryPrimitives.ReadDoubleLittleEndian(span);
    }

    public byte[] ReadBinary()
    {
        var length = ReadLength();
        return Take(length).ToArray();
    }

    public string ReadString()
    {
        var length = ReadLength();
        return Encoding.UTF8.GetString(Take(length));
    }

    public int ReadListHeader(out byte elementType)
    {
        var header = ReadByte();
        elementType = (byte)(header & 0x0F);
        var size = header >> 4;
        if (size == 15)
        {
            size = ReadLength();
        }

        // Each element takes at least one byte (or, for booleans in lists, one byte too), so a count beyond the
        // remaining bytes is corrupt; this also stops loops over absurd counts.
        if (size > _end - _position && elementType is not (CompactType.BooleanTrue or CompactType.BooleanFalse))
        {
            throw Corrupt("list longer than the remaining data");
        }

        return size;
    }

    public void Skip(byte type) => Skip(type, 0);

    private void Skip(byte type, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt("nesting too deep");
        }

        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                return;
            case CompactType.Byte:
                ReadByte();
                return;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarint64();
                return;
            case CompactType.Double:
                Take(8);
                return;
            case CompactType.Uuid:
                Take(16);
                return;
            case CompactType.Binary:
                Take(ReadLength());
                return;
            case CompactType.List:
            case CompactType.Set:
                {
                    var count = ReadListHeader(out var elementType);
                    for (var i = 0; i < count; i++)
                    {
                        if (elementType is CompactType.BooleanTrue or CompactType.BooleanFalse)
                        {
                            ReadByte();
                        }
                        else
                        {
                            Skip(elementType, depth + 1);
                        }
                    }

                    return;
                }

            case CompactType.Map:
                {
                    var count = ReadLength();
                    if (count == 0)
                    {
                        return;
                    }

                    var kinds = ReadByte();
                    for (var i = 0; i < count; i++)
                    {
                        Skip((byte)(kinds >> 4), depth + 1);
                        Skip((byte)(kinds & 0x0F), depth + 1);
                    }

                    return;
                }

            case CompactType.Struct:
                BeginStruct();
                while (NextField(out _, out var fieldType))
                {
                    Skip(fieldType, depth + 1);
                }

                EndStruct();
                return;
            default:
                throw Corrupt($"unknown field type {type}");
        }
    }

    private int ReadLength()
    {
        var raw = ReadVarint64();
        if (raw > int.MaxValue)
        {
            throw Corrupt("length out of range");
        }

        return (int)raw;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _end - _position)
        {
            throw Corrupt("unexpected end of data");
        }

        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private ulong ReadVarint64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Corrupt("varint too long");
    }

    private static int UnZigZag(uint n) => (int)(n >> 1) ^ -(int)(n & 1);

    public ParquetFormatException Corrupt(string problem) => new($"Corrupt {What}: {problem} at byte {_position}.");
}

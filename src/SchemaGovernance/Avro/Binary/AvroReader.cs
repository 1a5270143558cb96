using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Etl.SchemaGovernance.Avro.Binary;

/// <summary>
/// Reads Avro binary primitives from a span. Never trusts a length or count: every read is checked against the
/// remaining input and failures are <see cref="AvroDecodeException"/> carrying the offset.
/// </summary>
internal ref struct AvroReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public AvroReader(ReadOnlySpan<byte> buffer, long baseOffset = 0)
    {
        _buffer = buffer;
        BaseOffset = baseOffset;
    }

    /// <summary>Offset of the span's first byte in the whole input, added to positions in error messages.</summary>
    public long BaseOffset { get; }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Current nesting depth; maintained by the value readers.</summary>
    public int Depth;

    public readonly bool IsAtEnd => _position >= _buffer.Length;

    public void EnterNested()
    {
        if (++Depth > AvroLimits.MaxDepth)
        {
            throw Fail($"the value nests deeper than {AvroLimits.MaxDepth} levels");
        }
    }

    public void ExitNested() => Depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        var buffer = _buffer;
        var pos = _position;
        if ((uint)pos < (uint)buffer.Length)
        {
            var b = buffer[pos];
            if (b < 0x80)
            {
                _position = pos + 1;
                return (long)((ulong)(b >> 1) ^ (ulong)-(long)(b & 1));
            }
        }

        return (uint)pos + 10u <= (uint)buffer.Length ? ReadLongUnchecked(buffer, pos) : ReadLongSlow();
    }

    /// <summary>Multi-byte varint with at least ten bytes available, so no per-byte bounds checks are needed.</summary>
    private long ReadLongUnchecked(ReadOnlySpan<byte> buffer, int pos)
    {
        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), pos);
        ulong value = 0;
        for (var i = 0; i < 10; i++)
        {
            ulong b = Unsafe.Add(ref start, i);
            if (i == 9 && b > 1)
            {
                throw FailAt(pos, "a variable-length integer overflows 64 bits");
            }

            value |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                _position = pos + i + 1;
                return (long)(value >> 1) ^ -(long)(value & 1);
            }
        }

        throw FailAt(pos, "a variable-length integer overflows 64 bits");
    }

    private long ReadLongSlow()
    {
        ulong value = 0;
        var shift = 0;
        var start = _position;
        while (true)
        {
            if (_position >= _buffer.Length)
            {
                throw FailAt(start, "the input ends inside a variable-length integer");
            }

            var b = _buffer[_position++];
            if (shift == 63 && b > 1)
            {
                throw FailAt(start, "a variable-length integer overflows 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(value >> 1) ^ -(long)(value & 1);
            }

            shift += 7;
        }
    }

    public int ReadInt()
    {
        var start = _position;
        var value = ReadLong();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw FailAt(start, $"the int value {value} is outside the 32-bit range");
        }

        return (int)value;
    }

    public bool ReadBoolean()
    {
        var b = ReadRaw(1)[0];
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw FailAt(_position - 1, $"a boolean must be 0 or 1, not {b}"),
        };
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(ReadRaw(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadRaw(8));

    /// <summary>Reads a length prefix and checks that that many bytes remain.</summary>
    public int ReadLength()
    {
        var start = _position;
        var length = ReadLong();
        if (length < 0)
        {
            throw FailAt(start, $"negative length {length}");
        }

        if (length > Remaining)
        {
            throw FailAt(start, $"length {length} exceeds the {Remaining} bytes that remain");
        }

        return (int)length;
    }

    public ReadOnlySpan<byte> ReadBytesSpan() => ReadRaw(ReadLength());

    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    public string ReadString()
    {
        var start = _position;
        var bytes = ReadBytesSpan();
        return DecodeUtf8(bytes, start);
    }

    public readonly string DecodeUtf8(ReadOnlySpan<byte> bytes, int start)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new AvroDecodeException("a string is not valid UTF-8", BaseOffset + start, e);
        }
    }

    public void SkipBytes()
    {
        var length = ReadLength();
        _position += length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadRaw(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw Fail($"the input ends: {count} bytes needed, {Remaining} remain");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    public void Skip(int count) => ReadRaw(count);

    /// <summary>
    /// Reads an array or map block header and returns the item count (0 ends the sequence). A negative count's byte
    /// size is read and checked. The count is checked against the remaining input using <paramref name="minItemSize"/>.
    /// </summary>
    public long ReadBlockCount(int minItemSize, out long blockBytes)
    {
        var start = _position;
        var count = ReadLong();
        blockBytes = -1;
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                throw FailAt(start, "invalid block count");
            }

            count = -count;
            var sizeStart = _position;
            blockBytes = ReadLong();
            if (blockBytes < 0 || blockBytes > Remaining)
            {
                throw FailAt(sizeStart, $"block size {blockBytes} is negative or exceeds the {Remaining} bytes that remain");
            }
        }

        if (minItemSize > 0 ? count > Remaining / minItemSize : count > AvroLimits.MaxZeroWidthItems)
        {
            throw FailAt(start, $"block count {count} is impossible for the {Remaining} bytes that remain");
        }

        return count;
    }

    public readonly AvroDecodeException Fail(string problem) => new(problem, BaseOffset + _position);

    public readonly AvroDecodeException FailAt(int position, string problem) => new(problem, BaseOffset + position);
}

namespace Etl.Ingest.Kpl;

/// <summary>
/// A minimal protobuf reader over a span. Every method validates against the span's end and returns false instead
/// of throwing, so hostile varints and lengths can only end parsing, never overrun a buffer or loop.
/// </summary>
internal ref struct ProtoReader
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly ReadOnlySpan<byte> buffer;
    private int position;

    public ProtoReader(ReadOnlySpan<byte> buffer)
    {
        this.buffer = buffer;
        position = 0;
    }

    public readonly bool AtEnd => position >= buffer.Length;

    public readonly int Position => position;

    /// <summary>Reads a field tag; false at a malformed varint or a field number of 0.</summary>
    public bool TryReadTag(out uint tag)
    {
        tag = 0;
        if (!TryReadVarint(out var raw) || raw > uint.MaxValue || (raw >> 3) == 0)
        {
            return false;
        }

        tag = (uint)raw;
        return true;
    }

    /// <summary>Reads a base-128 varint of at most 10 bytes whose value fits 64 bits.</summary>
    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        var shift = 0;
        while (position < buffer.Length)
        {
            var b = buffer[position++];
            if (shift == 63 && b > 1)
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }

            shift += 7;
            if (shift > 63)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Reads a length prefix and returns the range it covers (relative to this reader's span).</summary>
    public bool TryReadLengthDelimited(out int offset, out int length)
    {
        offset = 0;
        length = 0;
        if (!TryReadVarint(out var raw) || raw > (ulong)(buffer.Length - position))
        {
            return false;
        }

        offset = position;
        length = (int)raw;
        position += length;
        return true;
    }

    /// <summary>Skips the value of a field with the given tag; false for group wire types, unknown ones, or truncation.</summary>
    public bool TrySkip(uint tag)
    {
        switch ((int)(tag & 7))
        {
            case WireVarint:
                return TryReadVarint(out _);
            case WireFixed64:
                return TryAdvance(8);
            case WireLengthDelimited:
                return TryReadLengthDelimited(out _, out _);
            case WireFixed32:
                return TryAdvance(4);
            default:
                return false;
        }
    }

    private bool TryAdvance(int count)
    {
        if (buffer.Length - position < count)
        {
            return false;
        }

        position += count;
        return true;
    }
}

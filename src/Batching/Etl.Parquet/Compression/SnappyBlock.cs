using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Etl.Parquet.Compression;

/// <summary>
/// Snappy raw block format (no framing), as Parquet's SNAPPY codec expects: a varint of the uncompressed length,
/// then literals and back-references. The compressor works on 64 KiB blocks with a hash table of 4-byte sequences
/// and skips ahead faster the longer it finds no match (incompressible data passes through quickly). The
/// decompressor checks every length and offset against both buffers.
/// </summary>
internal static unsafe class SnappyBlock
{
    private const int BlockSize = 1 << 16;
    private const int MaxTableBits = 14;
    private const int InputMargin = 15;

    public static int MaxCompressedLength(int length) => 32 + length + (length / 6);

    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxCompressedLength(input.Length))
        {
            throw new ArgumentException("The output buffer is too small.", nameof(output));
        }

        var table = stackalloc ushort[1 << MaxTableBits];
        fixed (byte* src = input)
        fixed (byte* dst = output)
        {
            var op = WriteVarint(dst, (uint)input.Length);
            for (var start = 0; start < input.Length; start += BlockSize)
            {
                var length = Math.Min(BlockSize, input.Length - start);
                op = CompressBlock(src + start, length, op, table);
            }

            return (int)(op - dst);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte* CompressBlock(byte* block, int length, byte* op, ushort* table)
    {
        var end = block + length;
        if (length < InputMargin)
        {
            return EmitLiteral(op, block, length);
        }

        var tableBits = Math.Min(MaxTableBits, Math.Max(8, 32 - BitOperations.LeadingZeroCount((uint)length - 1)));
        var shift = 32 - tableBits;
        new Span<ushort>(table, 1 << tableBits).Clear();
        var limit = end - InputMargin;
        var nextEmit = block;
        var ip = block + 1;
        var nextHash = Hash(Load32(ip), shift);
        while (true)
        {
            byte* candidate;
            var skip = 32;
            var nextIp = ip;
            do
            {
                ip = nextIp;
                var h = nextHash;
                var step = skip >> 5;
                skip++;
                nextIp = ip + step;
                if (nextIp > limit)
                {
                    goto Remainder;
                }

                nextHash = Hash(Load32(nextIp), shift);
                candidate = block + table[h];
                table[h] = (ushort)(ip - block);
            }
            while (Load32(ip) != Load32(candidate));

            op = EmitLiteral(op, nextEmit, (int)(ip - nextEmit));
            uint currentValue;
            do
            {
                var matchStart = ip;
                var matched = 4 + MatchLength(candidate + 4, ip + 4, end);
                ip += matched;
                op = EmitCopy(op, (int)(matchStart - candidate), matched);
                nextEmit = ip;
                if (ip >= limit)
                {
                    goto Remainder;
                }

                table[Hash(Load32(ip - 1), shift)] = (ushort)(ip - 1 - block);
                currentValue = Load32(ip);
                var h = Hash(currentValue, shift);
                candidate = block + table[h];
                table[h] = (ushort)(ip - block);
            }
            while (currentValue == Load32(candidate));

            ip++;
            nextHash = Hash(Load32(ip), shift);
        }

    Remainder:
        if (nextEmit < end)
        {
            op = EmitLiteral(op, nextEmit, (int)(end - nextEmit));
        }

        return op;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(byte* p) => Unsafe.ReadUnaligned<uint>(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint value, int shift) => (int)((value * 0x1E35A7BDu) >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchLength(byte* a, byte* b, byte* end)
    {
        var start = b;
        while (b + 8 <= end)
        {
            var x = Unsafe.ReadUnaligned<ulong>(a) ^ Unsafe.ReadUnaligned<ulong>(b);
            if (x != 0)
            {
                return (int)(b - start) + (BitOperations.TrailingZeroCount(x) >> 3);
            }

            a += 8;
            b += 8;
        }

        while (b < end && *a == *b)
        {
            a++;
            b++;
        }

        return (int)(b - start);
    }

    private static byte* EmitLiteral(byte* op, byte* src, int length)
    {
        if (length == 0)
        {
            return op;
        }

        var n = length - 1;
        if (n < 60)
        {
            *op++ = (byte)(n << 2);
        }
        else if (n < 1 << 8)
        {
            *op++ = 60 << 2;
            *op++ = (byte)n;
        }
        else if (n < 1 << 16)
        {
            *op++ = 61 << 2;
            *op++ = (byte)n;
            *op++ = (byte)(n >> 8);
        }
        else if (n < 1 << 24)
        {
            *op++ = 62 << 2;
            *op++ = (byte)n;
            *op++ = (byte)(n >> 8);
            *op++ = (byte)(n >> 16);
        }
        else
        {
            *op++ = 63 << 2;
            Unsafe.WriteUnaligned(op, (uint)n);
            op += 4;
        }

        Unsafe.CopyBlockUnaligned(op, src, (uint)length);
        return op + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* EmitCopy(byte* op, int offset, int length)
    {
        while (length >= 68)
        {
            op = EmitCopyTwoByteOffset(op, offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op = EmitCopyTwoByteOffset(op, offset, 60);
            length -= 60;
        }

        if (length >= 12 || offset >= 2048)
        {
            return EmitCopyTwoByteOffset(op, offset, length);
        }

        *op++ = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
        *op++ = (byte)offset;
        return op;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* EmitCopyTwoByteOffset(byte* op, int offset, int length)
    {
        *op++ = (byte)(2 | ((length - 1) << 2));
        *op++ = (byte)offset;
        *op++ = (byte)(offset >> 8);
        return op;
    }

    private static byte* WriteVarint(byte* op, uint value)
    {
        while (value >= 0x80)
        {
            *op++ = (byte)(value | 0x80);
            value >>= 7;
        }

        *op++ = (byte)value;
        return op;
    }

    /// <summary>The uncompressed length announced by a block; throws <see cref="ParquetFormatException"/> if unreadable.</summary>
    public static int UncompressedLength(ReadOnlySpan<byte> input, out int headerLength)
    {
        uint result = 0;
        for (var i = 0; i < 5 && i < input.Length; i++)
        {
            result |= (uint)(input[i] & 0x7F) << (7 * i);
            if ((input[i] & 0x80) == 0)
            {
                headerLength = i + 1;
                return result <= int.MaxValue ? (int)result : throw new ParquetFormatException("Corrupt Snappy block: length out of range.");
            }
        }

        throw new ParquetFormatException("Corrupt Snappy block: unreadable length.");
    }

    /// <summary>Decompresses into <paramref name="output"/>, which must be exactly the announced length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var expected = UncompressedLength(input, out var ip);
        if (expected != output.Length)
        {
            throw new ParquetFormatException($"Corrupt Snappy block: announces {expected} bytes, the page header {output.Length}.");
        }

        var op = 0;
        while (ip < input.Length)
        {
            var tag = input[ip++];
            int length, offset;
            switch (tag & 3)
            {
                case 0:
                    length = tag >> 2;
                    if (length >= 60)
                    {
                        var extra = length - 59;
                        if (ip + extra > input.Length)
                        {
                            throw Truncated();
                        }

                        length = 0;
                        for (var k = 0; k < extra; k++)
                        {
                            length |= input[ip + k] << (8 * k);
                        }

                        ip += extra;
                        if (length < 0)
                        {
                            throw new ParquetFormatException("Corrupt Snappy block: literal length out of range.");
                        }
                    }

                    length++;
                    if (length > input.Length - ip || length > output.Length - op)
                    {
                        throw new ParquetFormatException("Corrupt Snappy block: literal runs past the end.");
                    }

                    input.Slice(ip, length).CopyTo(output[op..]);
                    ip += length;
                    op += length;
                    continue;
                case 1:
                    if (ip >= input.Length)
                    {
                        throw Truncated();
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | input[ip++];
                    break;
                case 2:
                    if (ip + 2 > input.Length)
                    {
                        throw Truncated();
                    }

                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(input[ip..]);
                    ip += 2;
                    break;
                default:
                    if (ip + 4 > input.Length)
                    {
                        throw Truncated();
                    }

                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadInt32LittleEndian(input[ip..]);
                    ip += 4;
                    break;
            }

            if (offset <= 0 || offset > op || length > output.Length - op)
            {
                throw new ParquetFormatException("Corrupt Snappy block: back-reference out of range.");
            }

            if (offset >= length)
            {
                output.Slice(op - offset, length).CopyTo(output[op..]);
                op += length;
            }
            else
            {
                for (var k = 0; k < length; k++, op++)
                {
                    output[op] = output[op - offset];
                }
            }
        }

        if (op != output.Length)
        {
            throw new ParquetFormatException($"Corrupt Snappy block: produced {op} of {output.Length} bytes.");
        }
    }

    private static ParquetFormatException Truncated() => new("Corrupt Snappy block: truncated.");
}

using Etl.Parquet.Encodings;

namespace Etl.Parquet.Tests.Encodings;

public sealed class RleHybridTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1000)]
    [InlineData(7, 77)]
    [InlineData(13, 5000)]
    [InlineData(20, 999)]
    [InlineData(32, 300)]
    public void Encode_then_decode_any_width_restores_values(int bitWidth, int count)
    {
        var random = new Random(bitWidth * 31 + count);
        var max = bitWidth == 32 ? int.MaxValue : (1 << bitWidth) - 1;
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            // Mix runs (RLE) and noise (bit-packed).
            values[i] = i % 50 < 20 ? 3 % (max + 1) : random.Next(0, max);
        }

        using var buffer = new ByteBuffer();
        RleHybridEncoder.Encode<int>(values, bitWidth, buffer);
        var decoded = new int[count];
        var consumed = RleHybridDecoder.Decode(buffer.WrittenSpan, bitWidth, decoded, "test");
        Assert.Equal(values, decoded);
        Assert.Equal(buffer.Length, consumed);
    }

    [Fact]
    public void Encode_spec_example_bit_packs_lsb_first()
    {
        // Parquet's Encodings.md example: 0..7 at width 3 packs to 10001000 11000110 11111010.
        using var buffer = new ByteBuffer();
        RleHybridEncoder.Encode<int>([0, 1, 2, 3, 4, 5, 6, 7], 3, buffer);
        Assert.Equal(new byte[] { 0b11, 0b10001000, 0b11000110, 0b11111010 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_long_run_uses_one_rle_run()
    {
        using var buffer = new ByteBuffer();
        RleHybridEncoder.Encode<byte>(Enumerable.Repeat((byte)1, 1000).ToArray(), 1, buffer);
        Assert.Equal(new byte[] { 0xD0, 0x0F, 1 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Decode_truncated_input_throws_format_exception()
    {
        using var buffer = new ByteBuffer();
        RleHybridEncoder.Encode<int>(Enumerable.Range(0, 64).ToArray(), 6, buffer);
        var ex = Assert.Throws<ParquetFormatException>(() => RleHybridDecoder.Decode(buffer.WrittenSpan[..^3], 6, new int[64], "levels"));
        Assert.Contains("levels", ex.Message, StringComparison.Ordinal);
    }
}

using Etl.Parquet.Compression;

namespace Etl.Parquet.Tests.Compression;

public sealed class SnappyBlockTests
{
    public static TheoryData<string, int> Inputs() => new()
    {
        { "empty", 0 },
        { "tiny", 7 },
        { "random", 100_000 },
        { "repetitive", 300_000 },
        { "mixed", 1 << 20 },
    };

    private static byte[] Make(string kind, int size)
    {
        var random = new Random(size);
        var data = new byte[size];
        switch (kind)
        {
            case "random":
                random.NextBytes(data);
                break;
            case "repetitive":
                for (var i = 0; i < size; i++)
                {
                    data[i] = (byte)(i % 17 == 0 ? random.Next(256) : i / 1000 % 7);
                }

                break;
            default:
                for (var i = 0; i < size; i++)
                {
                    data[i] = (byte)(i % 4096 < 2048 ? random.Next(4) : random.Next(256));
                }

                break;
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Compress_any_input_our_decoder_and_ironsnappy_restore_it(string kind, int size)
    {
        var input = Make(kind, size);
        var output = new byte[SnappyBlock.MaxCompressedLength(input.Length)];
        var length = SnappyBlock.Compress(input, output);

        var ours = new byte[input.Length];
        SnappyBlock.Decompress(output.AsSpan(0, length), ours);
        Assert.Equal(input, ours);
        Assert.Equal(input, IronSnappy.Snappy.Decode(output.AsSpan(0, length)));
        var reference = IronSnappy.Snappy.Encode(input).Length;
        Assert.True(length <= (reference * 1.1) + 16, $"{kind}: {length} bytes, IronSnappy {reference}");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Decompress_ironsnappy_output_restores_input(string kind, int size)
    {
        var input = Make(kind, size);
        var compressed = IronSnappy.Snappy.Encode(input);
        var output = new byte[input.Length];
        SnappyBlock.Decompress(compressed, output);
        Assert.Equal(input, output);
    }

    [Fact]
    public void Decompress_wrong_announced_length_throws_format_exception()
    {
        var input = Make("mixed", 5000);
        var compressed = IronSnappy.Snappy.Encode(input);
        Assert.Throws<ParquetFormatException>(() => SnappyBlock.Decompress(compressed, new byte[4999]));
    }

    [Fact]
    public void Decompress_back_reference_before_start_throws_format_exception()
    {
        // Length 4, then a 2-byte-offset copy of 4 bytes reaching 100 bytes back.
        byte[] block = [4, 2 | (3 << 2), 100, 0];
        var ex = Assert.Throws<ParquetFormatException>(() => SnappyBlock.Decompress(block, new byte[4]));
        Assert.Contains("back-reference", ex.Message, StringComparison.Ordinal);
    }
}

using System.Numerics;
using Etl.Ingest.Kpl;
using Xunit;

namespace Etl.Ingest.Tests.Kpl;

public sealed class HashKeyRangeTests
{
    [Fact]
    public void TryParse_start_dash_end_reads_both_bounds()
    {
        Assert.True(HashKeyRange.TryParse("0-340282366920938463463374607431768211455", out var range));

        Assert.Equal(HashKeyRange.All, range);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("-5")]
    [InlineData("7-3")]
    [InlineData("1-340282366920938463463374607431768211456")]
    [InlineData("a-b")]
    public void TryParse_malformed_text_returns_false(string text)
    {
        Assert.False(HashKeyRange.TryParse(text, out _));
    }

    [Fact]
    public void Contains_includes_both_bounds()
    {
        var range = new HashKeyRange(10, 20);

        Assert.True(range.Contains(10));
        Assert.True(range.Contains(20));
        Assert.False(range.Contains(9));
        Assert.False(range.Contains(21));
    }

    [Fact]
    public void From_negative_big_integer_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HashKeyRange.From(BigInteger.MinusOne, BigInteger.One));
    }

    [Fact]
    public void HashKeys_partition_key_md5_matches_known_value()
    {
        Assert.Equal(UInt128.Parse("191415658344158766168031473277922803570"), HashKeys.FromPartitionKey("abc"));
    }
}

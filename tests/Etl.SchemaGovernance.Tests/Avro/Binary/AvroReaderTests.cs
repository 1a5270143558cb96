using Etl.SchemaGovernance.Avro.Binary;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Binary;

public sealed class AvroReaderTests
{
    [Theory]
    [InlineData("00", 0L)]
    [InlineData("01", -1L)]
    [InlineData("02", 1L)]
    [InlineData("7F", -64L)]
    [InlineData("8001", 64L)]
    [InlineData("FEFFFFFFFFFFFFFFFF01", long.MaxValue)]
    [InlineData("FFFFFFFFFFFFFFFFFF01", long.MinValue)]
    public void ReadLong_zigZagVarint_decodesSpecificationExamples(string hex, long expected)
    {
        var reader = new AvroReader(Convert.FromHexString(hex));

        Assert.Equal(expected, reader.ReadLong());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void ReadLong_moreThanTenBytes_throwsOverflow()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroReader(Convert.FromHexString("FFFFFFFFFFFFFFFFFF7F")).ReadLong());

        Assert.Contains("overflows 64 bits", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, e.Position);
    }

    [Fact]
    public void ReadLong_truncatedVarint_throwsWithPosition()
    {
        var e = Assert.Throws<AvroDecodeException>(() =>
        {
            var r = new AvroReader(Convert.FromHexString("0280"));
            r.ReadLong();
            r.ReadLong();
        });

        Assert.Equal(1, e.Position);
        Assert.Contains("ends inside", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInt_valueBeyond32Bits_throws()
    {
        Assert.Throws<AvroDecodeException>(() => new AvroReader(Convert.FromHexString("8080808010")).ReadInt());
    }

    [Fact]
    public void ReadString_hostileLength_throwsWithoutAllocating()
    {
        // Length 2^62 followed by three bytes.
        var e = Assert.Throws<AvroDecodeException>(() => new AvroReader(Convert.FromHexString("80808080808080808001616263")).ReadString());

        Assert.Contains("exceeds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadString_negativeLength_throws()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroReader(Convert.FromHexString("01")).ReadString());

        Assert.Contains("negative length", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadString_invalidUtf8_throws()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroReader(Convert.FromHexString("04C328")).ReadString());

        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBoolean_otherThanZeroOrOne_throws()
    {
        Assert.Throws<AvroDecodeException>(() => new AvroReader([2]).ReadBoolean());
    }

    [Fact]
    public void ReadDouble_truncated_throwsWithPosition()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroReader(new byte[5]).ReadDouble());

        Assert.Equal(0, e.Position);
        Assert.Contains("8 bytes needed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBlockCount_countBeyondRemainingInput_throws()
    {
        // 1,000,000 items of at least one byte each, in a three-byte input.
        var e = Assert.Throws<AvroDecodeException>(() => new AvroReader(Convert.FromHexString("80897A")).ReadBlockCount(1, out _));

        Assert.Contains("impossible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBlockCount_zeroWidthItemsBeyondLimit_throws()
    {
        var w = new System.Buffers.ArrayBufferWriter<byte>();
        new AvroWriter(w).WriteLong(AvroLimits.MaxZeroWidthItems + 1L);

        Assert.Throws<AvroDecodeException>(() => new AvroReader(w.WrittenSpan).ReadBlockCount(0, out _));
    }

    [Fact]
    public void ReadBlockCount_negativeCount_readsByteSize()
    {
        var r = new AvroReader(Convert.FromHexString("0304AABB"));

        Assert.Equal(2, r.ReadBlockCount(1, out var bytes));
        Assert.Equal(2, bytes);
    }
}

using System.Buffers;
using Etl.SchemaGovernance.Avro.Binary;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Binary;

public sealed class AvroWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "8001")]
    [InlineData(long.MinValue, "FFFFFFFFFFFFFFFFFF01")]
    public void WriteLong_value_usesZigZagVarint(long value, string hex)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new AvroWriter(buffer).WriteLong(value);

        Assert.Equal(hex, Convert.ToHexString(buffer.WrittenSpan));
    }

    [Fact]
    public void WriteString_foo_isLengthThenUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new AvroWriter(buffer).WriteString("foo");

        Assert.Equal("06666F6F", Convert.ToHexString(buffer.WrittenSpan));
    }

    [Fact]
    public void WriteFloatAndDouble_areLittleEndianIeee()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new AvroWriter(buffer);
        w.WriteFloat(1.0f);
        w.WriteDouble(-2.0);

        Assert.Equal("0000803F00000000000000C0", Convert.ToHexString(buffer.WrittenSpan));
    }
}

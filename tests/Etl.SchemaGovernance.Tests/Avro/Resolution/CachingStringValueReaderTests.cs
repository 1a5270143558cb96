using System.Buffers;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Resolution;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Resolution;

public sealed class CachingStringValueReaderTests
{
    [Fact]
    public void Read_repeatedValue_returnsSameInstance()
    {
        var reader = new CachingStringValueReader();

        var first = Read(reader, "Hamilton Medical");
        var second = Read(reader, "Hamilton Medical");

        Assert.Equal("Hamilton Medical", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Read_valuesSharingLengthAndEnds_areNeverConfused()
    {
        var reader = new CachingStringValueReader();
        var values = new[] { "a1z", "a2z", "a3z", "a1z", "b1z", "a2z", "", "é€z", "a\u00e9z" };

        foreach (var value in values.Concat(values).Concat(values))
        {
            Assert.Equal(value, Read(reader, value));
        }
    }

    [Fact]
    public void Read_mostlyUniqueValues_keepsDecodingCorrectlyAfterCachingStops()
    {
        var reader = new CachingStringValueReader();

        for (var i = 0; i < 1000; i++)
        {
            var value = "serial-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(value, Read(reader, value));
        }
    }

    [Fact]
    public void Read_invalidUtf8_throwsEvenWhenCached()
    {
        var reader = new CachingStringValueReader();

        Assert.Throws<AvroDecodeException>(() =>
        {
            var r = new AvroReader([4, 0xC3, 0x28]);
            reader.Read(ref r);
        });
    }

    private static string Read(CachingStringValueReader reader, string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new AvroWriter(buffer).WriteString(value);
        var r = new AvroReader(buffer.WrittenSpan);
        return (string)reader.Read(ref r)!;
    }
}

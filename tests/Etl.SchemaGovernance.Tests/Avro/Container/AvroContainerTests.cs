using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Container;
using Etl.SchemaGovernance.Avro.Generic;
using Xunit;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Avro.Container;

public sealed class AvroContainerTests
{
    private const string Schema = """{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}""";

    [Theory]
    [InlineData("Null")]
    [InlineData("Deflate")]
    public void WriteThenRead_manyBlocks_returnsAllValuesInOrder(string codecName)
    {
        var codec = Enum.Parse<AvroCodec>(codecName);
        var schema = Parse(Schema);
        using var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, Schema, codec) { BlockSizeBytes = 100 })
        {
            for (var i = 0; i < 500; i++)
            {
                writer.Append(RecordOf(schema, (long)i, "name-" + i));
            }
        }

        var contents = AvroContainerReader.Read(stream.ToArray());

        Assert.Equal(codec, contents.Codec);
        Assert.Equal(500, contents.Values.Count);
        Assert.Equal(499L, ((AvroRecord)contents.Values[499]!)["id"]);
        Assert.Equal("name-7", ((AvroRecord)contents.Values[7]!)["name"]);
        Assert.Equal(Schema, System.Text.Encoding.UTF8.GetString(contents.Metadata["avro.schema"]));
    }

    [Fact]
    public void Write_header_hasMagicMetadataAndSync()
    {
        var sync = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using var stream = new MemoryStream();
        using (new AvroContainerWriter(stream, Parse("\"int\""), AvroCodec.Null, sync))
        {
        }

        var bytes = stream.ToArray();
        Assert.Equal("4F626A01", Convert.ToHexString(bytes.AsSpan(0, 4)));
        Assert.Equal(sync, bytes[^16..]);
        Assert.Empty(AvroContainerReader.Read(bytes).Values);
    }

    [Fact]
    public void Read_corruptSyncMarker_throws()
    {
        var bytes = WriteInts(AvroCodec.Null, 1, 2, 3);
        bytes[^1] ^= 0xFF;

        var e = Assert.Throws<AvroDecodeException>(() => AvroContainerReader.Read(bytes));

        Assert.Contains("sync marker", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_truncatedFile_throws()
    {
        var bytes = WriteInts(AvroCodec.Deflate, 1, 2, 3);

        Assert.Throws<AvroDecodeException>(() => AvroContainerReader.Read(bytes.AsSpan(0, bytes.Length - 20)));
    }

    [Fact]
    public void Read_blockInflatingBeyondCap_throws()
    {
        using var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, Parse("\"string\""), AvroCodec.Deflate) { BlockSizeBytes = 1 << 22 })
        {
            writer.Append(new string('a', 1 << 20));
        }

        var e = Assert.Throws<AvroDecodeException>(() => AvroContainerReader.Read(stream.ToArray(), maxBlockBytes: 64 * 1024));

        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_notAContainer_throws()
    {
        Assert.Throws<AvroDecodeException>(() => AvroContainerReader.Read(Hex("00112233")));
    }

    [Fact]
    public void Read_withReaderSchema_resolvesValues()
    {
        var values = AvroContainerReader.Read(WriteInts(AvroCodec.Null, 5), Parse("\"double\"")).Values;

        Assert.Equal(5.0, values[0]);
    }

    private static byte[] WriteInts(AvroCodec codec, params int[] values)
    {
        using var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, Parse("\"int\""), codec))
        {
            foreach (var v in values)
            {
                writer.Append(v);
            }
        }

        return stream.ToArray();
    }
}

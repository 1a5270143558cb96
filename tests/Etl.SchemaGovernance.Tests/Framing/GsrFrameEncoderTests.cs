using Etl.SchemaGovernance.Framing;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Framing;

public sealed class GsrFrameEncoderTests
{
    private static readonly Guid VersionId = Guid.Parse("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63");

    [Fact]
    public void Encode_uncompressed_writes_upstream_header_then_payload()
    {
        var framed = GsrFrameEncoder.Encode(VersionId, [0xAA, 0xBB]);

        Assert.Equal("0300B7B4A7F09C964E4AA687FB5DE9EF0C63AABB", Convert.ToHexString(framed));
    }

    [Fact]
    public void Encode_zlib_writes_compression_byte_and_a_zlib_stream()
    {
        var payload = new byte[10_000];

        var framed = GsrFrameEncoder.Encode(VersionId, payload, GsrCompression.Zlib);

        Assert.Equal(0x05, framed[1]);
        Assert.Equal(0x78, framed[GsrWireFormat.HeaderLength]);
        Assert.True(framed.Length < 200);
    }

    [Theory]
    [InlineData(GsrCompression.None)]
    [InlineData(GsrCompression.Zlib)]
    public void Encode_then_decode_round_trips(GsrCompression compression)
    {
        var id = Guid.NewGuid();
        var payload = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();

        var frame = new GsrFrameDecoder(GsrFrameOptions.Strict).Decode(GsrFrameEncoder.Encode(id, payload, compression)).Frame;

        Assert.Equal(id, frame.SchemaVersionId);
        Assert.Equal(compression, frame.Compression);
        Assert.Equal(payload, frame.Payload.ToArray());
    }

    [Fact]
    public void Encode_unknown_compression_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GsrFrameEncoder.Encode(VersionId, [1], (GsrCompression)3));
    }

    [Fact]
    public void WireFormat_schema_version_id_round_trips_in_textual_byte_order()
    {
        Span<byte> bytes = stackalloc byte[16];
        GsrWireFormat.WriteSchemaVersionId(VersionId, bytes);

        Assert.Equal("B7B4A7F09C964E4AA687FB5DE9EF0C63", Convert.ToHexString(bytes));
        Assert.Equal(VersionId, GsrWireFormat.ReadSchemaVersionId(bytes));
    }
}

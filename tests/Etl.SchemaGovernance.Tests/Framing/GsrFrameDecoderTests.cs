using System.IO.Compression;
using System.Text;
using Etl.Core.Records;
using Etl.SchemaGovernance.Framing;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Framing;

public sealed class GsrFrameDecoderTests
{
    // Upstream test vector: this UUID's header is 03 00 b7 b4 a7 f0 9c 96 4e 4a a6 87 fb 5d e9 ef 0c 63.
    private static readonly Guid VersionId = Guid.Parse("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63");

    private static readonly byte[] VectorHeader = Convert.FromHexString("0300b7b4a7f09c964e4aa687fb5de9ef0c63");

    private static readonly GsrFrameDecoder Strict = new(GsrFrameOptions.Strict);

    [Fact]
    public void Decode_upstream_header_vector_reads_big_endian_uuid()
    {
        var payload = "{\"a\":1}"u8.ToArray();
        var result = Strict.Decode(VectorHeader.Concat(payload).ToArray());

        Assert.True(result.IsSuccess);
        Assert.Equal(VersionId, result.Frame.SchemaVersionId);
        Assert.Equal(GsrCompression.None, result.Frame.Compression);
        Assert.True(result.Frame.HadHeader);
        Assert.Equal(payload, result.Frame.Payload.ToArray());
    }

    [Fact]
    public void Decode_uncompressed_payload_is_a_slice_of_the_input()
    {
        var framed = GsrFrameEncoder.Encode(VersionId, [1, 2, 3]);
        var memory = framed.AsMemory();

        var frame = Strict.Decode(memory).Frame;

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame.Payload, out var segment));
        Assert.Same(framed, segment.Array);
        Assert.Equal(GsrWireFormat.HeaderLength, segment.Offset);
    }

    [Fact]
    public void Decode_zlib_payload_inflates_it()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"name\":\"value\"}", 200)));
        var compressed = ZlibCompress(payload);
        var framed = new byte[] { 3, 5 }.Concat(VectorHeader[2..]).Concat(compressed).ToArray();

        var result = Strict.Decode(framed);

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(GsrCompression.Zlib, result.Frame.Compression);
        Assert.Equal(payload, result.Frame.Payload.ToArray());
    }

    [Fact]
    public void Decode_payload_inflating_past_the_cap_is_decompression_limit()
    {
        var bomb = ZlibCompress(new byte[1_000_000]);
        var decoder = new GsrFrameDecoder(new GsrFrameOptions { MaxDecompressedBytes = 64 * 1024 });

        var result = decoder.Decode(GsrFrameEncoderPrefix(GsrCompression.Zlib).Concat(bomb).ToArray());

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.DecompressionLimit, result.Reason.Kind);
    }

    [Fact]
    public void Decode_payload_exactly_at_the_cap_succeeds()
    {
        var payload = new byte[4096];
        var decoder = new GsrFrameDecoder(new GsrFrameOptions { MaxDecompressedBytes = 4096 });

        var result = decoder.Decode(GsrFrameEncoder.Encode(VersionId, payload, GsrCompression.Zlib));

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(4096, result.Frame.Payload.Length);
    }

    [Fact]
    public void Decode_corrupt_zlib_stream_is_bad_frame()
    {
        var framed = GsrFrameEncoderPrefix(GsrCompression.Zlib).Concat(new byte[] { 0x78, 0x9c, 0xff, 0xff, 0xff, 0x00, 0x13 }).ToArray();

        var result = Strict.Decode(framed);

        Assert.Equal(DeadLetterKind.BadFrame, result.Reason?.Kind);
    }

    [Fact]
    public void Decode_truncated_zlib_stream_is_bad_frame()
    {
        var compressed = ZlibCompress(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("abcdefghij", 500))));
        var framed = GsrFrameEncoderPrefix(GsrCompression.Zlib).Concat(compressed[..(compressed.Length / 2)]).ToArray();

        var result = Strict.Decode(framed);

        Assert.Equal(DeadLetterKind.BadFrame, result.Reason?.Kind);
    }

    [Fact]
    public void Decode_zlib_frame_without_payload_is_bad_frame()
    {
        var result = Strict.Decode(GsrFrameEncoderPrefix(GsrCompression.Zlib));

        Assert.Equal(DeadLetterKind.BadFrame, result.Reason?.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("03")]
    [InlineData("0300b7b4a7f09c964e4aa687fb5de9ef0c")]
    [InlineData("0301b7b4a7f09c964e4aa687fb5de9ef0c637b7d")]
    [InlineData("0400b7b4a7f09c964e4aa687fb5de9ef0c637b7d")]
    [InlineData("7b226b223a317d")]
    public void Decode_record_without_valid_header_under_strict_policy_is_bad_frame(string hex)
    {
        var result = Strict.Decode(Convert.FromHexString(hex));

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.BadFrame, result.Reason.Kind);
    }

    [Fact]
    public void Decode_record_without_header_under_default_policy_uses_default_version()
    {
        var fallback = Guid.Parse("11111111-2222-3333-4444-555555555555");
        var decoder = new GsrFrameDecoder(GsrFrameOptions.AcceptUnframed(fallback));
        var data = "{\"k\":1}"u8.ToArray();

        var frame = decoder.Decode(data).Frame;

        Assert.Equal(fallback, frame.SchemaVersionId);
        Assert.False(frame.HadHeader);
        Assert.Equal(data, frame.Payload.ToArray());
    }

    [Fact]
    public void Decode_framed_record_under_default_policy_uses_header_version()
    {
        var decoder = new GsrFrameDecoder(GsrFrameOptions.AcceptUnframed(Guid.NewGuid()));

        var frame = decoder.Decode(GsrFrameEncoder.Encode(VersionId, [9])).Frame;

        Assert.Equal(VersionId, frame.SchemaVersionId);
        Assert.True(frame.HadHeader);
    }

    [Fact]
    public void Decode_every_truncation_of_a_compressed_frame_never_throws()
    {
        var framed = GsrFrameEncoder.Encode(VersionId, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("xyz", 300))), GsrCompression.Zlib);

        for (var length = 0; length < framed.Length; length++)
        {
            var result = Strict.Decode(framed.AsMemory(0, length));
            Assert.False(result.IsSuccess, $"prefix of {length} bytes");
        }
    }

    [Fact]
    public void Decode_random_zlib_bodies_never_throw()
    {
        var random = new Random(1121);
        for (var i = 0; i < 2000; i++)
        {
            var body = new byte[random.Next(0, 80)];
            random.NextBytes(body);
            if (body.Length >= 2 && i % 2 == 0)
            {
                body[0] = 0x78;
                body[1] = 0x9C;
            }

            var result = Strict.Decode(GsrFrameEncoderPrefix(GsrCompression.Zlib).Concat(body).ToArray());

            Assert.True(result.IsSuccess || result.Reason.Kind is DeadLetterKind.BadFrame or DeadLetterKind.DecompressionLimit);
        }
    }

    [Fact]
    public void Options_default_policy_without_version_fails_validation()
    {
        var options = new GsrFrameOptions { UnframedRecords = UnframedRecordPolicy.UseDefaultSchemaVersion };

        var error = Assert.Throws<ArgumentException>(() => new GsrFrameDecoder(options));

        Assert.Contains(nameof(GsrFrameOptions.DefaultSchemaVersionId), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_non_positive_cap_fails_validation()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GsrFrameDecoder(new GsrFrameOptions { MaxDecompressedBytes = 0 }));
    }

    private static byte[] GsrFrameEncoderPrefix(GsrCompression compression)
    {
        var header = (byte[])VectorHeader.Clone();
        header[1] = (byte)compression;
        return header;
    }

    private static byte[] ZlibCompress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}

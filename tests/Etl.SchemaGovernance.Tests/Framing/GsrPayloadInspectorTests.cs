using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Framing;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Framing;

public sealed class GsrPayloadInspectorTests
{
    private static readonly Guid VersionId = Guid.Parse("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63");

    [Fact]
    public void WriteProperties_framed_json_shows_header_and_json_payload()
    {
        var json = Describe(GsrFrameEncoder.Encode(VersionId, "{\"a\":[1,2]}"u8, GsrCompression.Zlib));

        Assert.Equal(VersionId.ToString(), json["gsr"]!["schemaVersionId"]!.GetValue<string>());
        Assert.Equal("zlib", json["gsr"]!["compression"]!.GetValue<string>());
        Assert.Equal(2, json["payload"]!["a"]![1]!.GetValue<int>());
    }

    [Fact]
    public void WriteProperties_framed_binary_payload_is_base64()
    {
        var json = Describe(GsrFrameEncoder.Encode(VersionId, [0x06, 0x41, 0x6E, 0x6E]));

        Assert.Equal("none", json["gsr"]!["compression"]!.GetValue<string>());
        Assert.Equal("BkFubg==", json["payloadBase64"]!.GetValue<string>());
    }

    [Fact]
    public void WriteProperties_unframed_record_has_null_header()
    {
        var json = Describe("[true]"u8.ToArray());

        Assert.Null(json["gsr"]);
        Assert.True(json.AsObject().ContainsKey("gsr"));
        Assert.True(json["payload"]![0]!.GetValue<bool>());
    }

    [Fact]
    public void WriteProperties_plugged_decoder_result_is_written_as_decoded()
    {
        Guid seen = default;
        var json = Describe(
            GsrFrameEncoder.Encode(VersionId, [1, 2, 3]),
            payloadDecoder: (id, payload) =>
            {
                seen = id;
                return $"{{\"length\":{payload.Length}}}";
            });

        Assert.Equal(VersionId, seen);
        Assert.Equal(3, json["decoded"]!["length"]!.GetValue<int>());
    }

    [Fact]
    public void WriteProperties_decoder_exception_is_reported_not_thrown()
    {
        var json = Describe(GsrFrameEncoder.Encode(VersionId, [1]), payloadDecoder: (_, _) => throw new InvalidDataException("unknown version"));

        Assert.Equal("unknown version", json["decodeError"]!.GetValue<string>());
        Assert.NotNull(json["payloadBase64"]);
    }

    [Fact]
    public void WriteProperties_inflate_past_the_cap_reports_frame_error()
    {
        var decoder = new GsrFrameDecoder(new GsrFrameOptions { MaxDecompressedBytes = 100 });

        var json = Describe(GsrFrameEncoder.Encode(VersionId, new byte[5000], GsrCompression.Zlib), decoder);

        Assert.Equal("DecompressionLimit", json["frameError"]!["kind"]!.GetValue<string>());
        Assert.Null(json["payload"]);
    }

    [Theory]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("{\"a\":")]
    [InlineData("")]
    public void WritePayload_text_that_is_not_one_json_document_is_base64(string text)
    {
        var json = Write(w => GsrPayloadInspector.WritePayload(w, Encoding.UTF8.GetBytes(text)));

        Assert.Null(json["payload"]);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), json["payloadBase64"]!.GetValue<string>());
    }

    [Fact]
    public void WritePayload_invalid_utf8_inside_a_string_is_base64()
    {
        var json = Write(w => GsrPayloadInspector.WritePayload(w, new byte[] { 0x22, 0xC3, 0x28, 0x22 }));

        Assert.NotNull(json["payloadBase64"]);
    }

    private static JsonNode Describe(byte[] data, GsrFrameDecoder? decoder = null, Func<Guid, ReadOnlyMemory<byte>, string?>? payloadDecoder = null) =>
        Write(w => GsrPayloadInspector.WriteProperties(w, data, decoder, payloadDecoder));

    private static JsonNode Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return JsonNode.Parse(buffer.WrittenSpan)!;
    }
}

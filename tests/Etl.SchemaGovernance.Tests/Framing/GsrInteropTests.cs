using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Framing;
using Etl.TestSupport;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Framing;

/// <summary>Cross-checks the frame codec with the independent npm serde @meinestadt.de/glue-schema-registry.</summary>
public sealed class GsrInteropTests
{
    private const string Script = "gsr-interop.mjs";

    private static readonly JsonNode UserSchema = JsonNode.Parse("""
        {"type":"record","name":"User","fields":[
          {"name":"name","type":"string"},
          {"name":"age","type":"int"},
          {"name":"email","type":["null","string"],"default":null},
          {"name":"score","type":"double"}]}
        """)!;

    private static readonly GsrFrameDecoder Decoder = new(GsrFrameOptions.Strict);

    public static TheoryData<string, bool> Kinds() => new()
    {
        { "avro", false },
        { "avro", true },
        { "json", false },
        { "json", true },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Decode_frames_written_by_the_npm_serde_yields_its_payload(string kind, bool compress)
    {
        var id = Guid.Parse("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63");
        var values = SampleValues(kind);

        var encoded = await EncodeWithSerdeAsync(id, kind, values, compress);

        Assert.Equal(values.Count, encoded.Count);
        foreach (var (frame, payload) in encoded)
        {
            var result = Decoder.Decode(frame);
            Assert.True(result.IsSuccess, result.Reason?.ToString());
            Assert.Equal(id, result.Frame.SchemaVersionId);
            Assert.Equal(compress ? GsrCompression.Zlib : GsrCompression.None, result.Frame.Compression);
            Assert.Equal(payload, result.Frame.Payload.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Encode_frames_are_read_by_the_npm_serde(string kind, bool compress)
    {
        var id = Guid.Parse("6a1f0e52-33c4-4d2b-9b8e-0c7d5e4f3a21");
        var values = SampleValues(kind);
        // Datum bytes come from the independent serializer (avsc or JSON.stringify); only the frame is ours.
        var payloads = (await EncodeWithSerdeAsync(Guid.NewGuid(), kind, values, compress: false)).Select(p => p.Payload).ToList();
        var compression = compress ? GsrCompression.Zlib : GsrCompression.None;

        var cases = new JsonArray(payloads.Select(p => (JsonNode)new JsonObject
        {
            ["frame"] = Convert.ToBase64String(GsrFrameEncoder.Encode(id, p, compression)),
            ["kind"] = kind,
            ["schema"] = kind == "avro" ? UserSchema.DeepClone() : null,
        }).ToArray());
        var output = JsonNode.Parse(await NodeTool.RunAsync(Script, ["decode"], new JsonObject { ["cases"] = cases }.ToJsonString()))!.AsArray();

        Assert.Equal(values.Count, output.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.True(output[i]!["valid"]!.GetValue<bool>());
            Assert.Equal(3, output[i]!["headerVersion"]!.GetValue<int>());
            Assert.Equal((int)compression, output[i]!["compression"]!.GetValue<int>());
            Assert.Equal(id.ToString(), output[i]!["schemaVersionId"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(values[i], output[i]!["value"]), $"{values[i]} vs {output[i]!["value"]}");
        }
    }

    private static List<JsonNode> SampleValues(string kind) => kind == "avro"
        ?
        [
            JsonNode.Parse("""{"name":"Ann","age":41,"email":"ann@example.com","score":1.5}""")!,
            JsonNode.Parse("""{"name":"Bjørn ✓","age":-7,"email":null,"score":-0.25}""")!,
            new JsonObject { ["name"] = new string('x', 5000), ["age"] = int.MaxValue, ["email"] = null, ["score"] = 1e300 },
        ]
        :
        [
            JsonNode.Parse("""{"id":1,"tags":["x","y"],"nested":{"ok":true}}""")!,
            JsonNode.Parse("""{"text":"Grüße","n":null}""")!,
            new JsonObject { ["blob"] = string.Concat(Enumerable.Repeat("repetitive ", 2000)) },
        ];

    private static async Task<List<(byte[] Frame, byte[] Payload)>> EncodeWithSerdeAsync(Guid id, string kind, List<JsonNode> values, bool compress)
    {
        var cases = new JsonArray(values.Select(v => (JsonNode)new JsonObject
        {
            ["schemaVersionId"] = id.ToString(),
            ["kind"] = kind,
            ["schema"] = kind == "avro" ? UserSchema.DeepClone() : null,
            ["value"] = v.DeepClone(),
            ["compress"] = compress,
        }).ToArray());
        var stdout = await NodeTool.RunAsync(Script, ["encode"], new JsonObject { ["cases"] = cases }.ToJsonString());
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.EnumerateArray()
            .Select(e => (Convert.FromBase64String(e.GetProperty("frame").GetString()!), Convert.FromBase64String(e.GetProperty("payload").GetString()!)))
            .ToList();
    }

    [Fact]
    public async Task Decode_npm_json_frame_payload_is_the_utf8_document()
    {
        var id = Guid.NewGuid();
        var value = JsonNode.Parse("""{"city":"Köln"}""")!;

        var (frame, _) = (await EncodeWithSerdeAsync(id, "json", [value], compress: true))[0];

        var text = Encoding.UTF8.GetString(Decoder.Decode(frame).Frame.Payload.Span);
        Assert.True(JsonNode.DeepEquals(value, JsonNode.Parse(text)));
    }
}

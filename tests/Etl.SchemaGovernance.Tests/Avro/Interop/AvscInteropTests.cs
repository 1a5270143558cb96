using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Avro.Container;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;
using Etl.TestSupport;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Interop;

/// <summary>Cross-checks the Avro implementation against avsc on seeded random schemas and values.</summary>
public sealed class AvscInteropTests(AvscFixture fixture) : IClassFixture<AvscFixture>
{
    [Fact]
    public void CanonicalFormAndMd5_randomSchemas_matchAvsc()
    {
        foreach (var c in fixture.Cases)
        {
            var canonical = AvroCanonicalForm.Of(c.Schema);
            Assert.Equal(c.Avsc.GetProperty("canonical").GetString(), canonical);
            Assert.Equal(c.Avsc.GetProperty("md5").GetString(), Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(canonical))));
        }
    }

    [Fact]
    public void Decode_bytesEncodedByAvsc_givesAvscValues()
    {
        var checkedValues = 0;
        foreach (var c in fixture.Cases)
        {
            var reader = new AvroDatumReader(c.Schema);
            foreach (var (bytes, form) in c.Values)
            {
                var difference = AvroForms.Difference(c.Schema, reader.Read(bytes), form);
                Assert.True(difference is null, $"{difference} for schema {c.Json}");
                checkedValues++;
            }
        }

        Assert.Equal(AvscFixture.SchemaCount * AvscFixture.ValuesPerSchema, checkedValues);
    }

    [Fact]
    public void Encode_avscValues_givesAvscBytes()
    {
        foreach (var c in fixture.Cases)
        {
            foreach (var (bytes, form) in c.Values)
            {
                Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(AvroDatumWriter.Encode(c.Schema, AvroForms.ToValue(c.Schema, form))));
            }
        }
    }

    [Fact]
    public void ReadContainer_writtenByAvsc_givesAvscValues()
    {
        foreach (var c in fixture.Cases)
        {
            var container = c.Avsc.GetProperty("container");
            var contents = AvroContainerReader.Read(Convert.FromBase64String(container.GetProperty("base64").GetString()!));
            Assert.Equal(container.GetProperty("codec").GetString(), contents.Codec == AvroCodec.Deflate ? "deflate" : "null");
            var forms = c.Values.Select(v => v.Form).ToList();
            Assert.Equal(forms.Count, contents.Values.Count);
            for (var i = 0; i < forms.Count; i++)
            {
                var difference = AvroForms.Difference(contents.WriterSchema, contents.Values[i], forms[i]);
                Assert.True(difference is null, $"{difference} for schema {c.Json}");
            }
        }
    }

    [Fact]
    public async Task AvscDecode_ourBytesAndContainers_givesOriginalValues()
    {
        var items = new JsonArray();
        var expectedItems = new List<(AvscCase Case, JsonElement Form)>();
        var containers = new JsonArray();
        var index = 0;
        foreach (var c in fixture.Cases)
        {
            var values = c.Values.Select(v => (v.Form, Value: AvroForms.ToValue(c.Schema, v.Form))).ToList();
            foreach (var (form, value) in values.Take(3))
            {
                items.Add(new JsonObject { ["schema"] = JsonNode.Parse(c.Json), ["hex"] = Convert.ToHexStringLower(AvroDatumWriter.Encode(c.Schema, value)) });
                expectedItems.Add((c, form));
            }

            using var stream = new MemoryStream();
            using (var writer = new AvroContainerWriter(stream, c.Json, index++ % 2 == 0 ? AvroCodec.Null : AvroCodec.Deflate) { BlockSizeBytes = 64 })
            {
                foreach (var (_, value) in values)
                {
                    writer.Append(value);
                }
            }

            containers.Add(new JsonObject { ["base64"] = Convert.ToBase64String(stream.ToArray()) });
        }

        var request = new JsonObject { ["mode"] = "decode", ["items"] = items, ["containers"] = containers };
        using var response = JsonDocument.Parse(await NodeTool.RunAsync("avro-interop.mjs", [], request.ToJsonString()));

        var decodedItems = response.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expectedItems.Count, decodedItems.Count);
        for (var i = 0; i < decodedItems.Count; i++)
        {
            var (c, form) = expectedItems[i];
            Assert.True(JsonElement.DeepEquals(form, decodedItems[i]), $"item {i} of schema {c.Json}: avsc read {decodedItems[i].GetRawText()}, expected {form.GetRawText()}");
        }

        var decodedContainers = response.RootElement.GetProperty("containers").EnumerateArray().ToList();
        for (var i = 0; i < fixture.Cases.Count; i++)
        {
            var c = fixture.Cases[i];
            Assert.Equal(AvroCanonicalForm.Of(c.Schema), decodedContainers[i].GetProperty("canonical").GetString());
            var forms = decodedContainers[i].GetProperty("forms").EnumerateArray().ToList();
            var expected = c.Values.Select(v => v.Form).ToList();
            Assert.Equal(expected.Count, forms.Count);
            for (var j = 0; j < forms.Count; j++)
            {
                Assert.True(JsonElement.DeepEquals(expected[j], forms[j]), $"container value {j} of schema {c.Json}");
            }
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Resolution;
using Etl.SchemaGovernance.Avro.Schema;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Compatibility.Avro;
using Etl.SchemaGovernance.Tests.Compatibility.Avro;
using Etl.TestSupport;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Interop;

/// <summary>Schema resolution cross-checked with avsc: random evolutions of random schemas, avsc's values as input.</summary>
public sealed class AvscResolutionInteropTests(AvscFixture fixture) : IClassFixture<AvscFixture>
{
    [Fact]
    public async Task Decode_withEvolvedReaderSchema_givesAvscResolvedValues()
    {
        var mutator = new AvroSchemaMutator(7);
        var checker = new AvroPairwiseChecker();
        var items = new JsonArray();
        var ours = new List<(string Writer, string Reader, AvroSchema ReaderSchema, object? Value)>();
        foreach (var c in fixture.Cases)
        {
            for (var m = 0; m < 4; m++)
            {
                var readerJson = mutator.Mutate(JsonNode.Parse(c.Json)!).ToJsonString();
                AvroDatumReader datumReader;
                try
                {
                    // avsc refuses at plan time what the specification defers to read time (an enum lacking a
                    // writer symbol), so only pairs without any compatibility issue are compared.
                    if (checker.CheckCanRead(readerJson, c.Json).Count > 0)
                    {
                        continue;
                    }

                    datumReader = new AvroDatumReader(c.Schema, AvroSchemaParser.Parse(readerJson));
                    if (HasPromotableBranchPair(datumReader.Reader, []))
                    {
                        // avsc takes the first reader branch a writer type promotes to (int into ["long","int"]
                        // reads as long); Avro's Java implementation, and this one, prefer the exact branch.
                        continue;
                    }
                }
                catch (SchemaDefinitionException)
                {
                    continue;
                }

                foreach (var (bytes, _) in c.Values.Take(3))
                {
                    object? value;
                    try
                    {
                        value = datumReader.Read(bytes);
                    }
                    catch (Etl.SchemaGovernance.Avro.Binary.AvroDecodeException)
                    {
                        // A writer union branch or enum symbol this reader cannot take: data-dependent, not compared.
                        continue;
                    }

                    items.Add(new JsonObject { ["writer"] = JsonNode.Parse(c.Json), ["reader"] = JsonNode.Parse(readerJson), ["hex"] = Convert.ToHexStringLower(bytes) });
                    ours.Add((c.Json, readerJson, datumReader.Reader, value));
                }
            }
        }

        var request = new JsonObject { ["mode"] = "resolve", ["items"] = items };
        using var response = JsonDocument.Parse(await NodeTool.RunAsync("avro-interop.mjs", [], request.ToJsonString()));
        var results = response.RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(ours.Count, results.Count);
        Assert.True(ours.Count > 200, $"only {ours.Count} resolved values were compared");
        for (var i = 0; i < ours.Count; i++)
        {
            var (writer, reader, readerSchema, value) = ours[i];
            Assert.True(results[i].TryGetProperty("form", out var form), $"avsc could not resolve ({results[i].GetRawText()}) reader {reader} for writer {writer}");
            var difference = AvroForms.Difference(readerSchema, value, form);
            Assert.True(difference is null, $"{difference}: reader {reader} for writer {writer}");
        }
    }

    private static bool HasPromotableBranchPair(AvroSchema schema, HashSet<AvroSchema> seen)
    {
        if (!seen.Add(schema))
        {
            return false;
        }

        return schema switch
        {
            AvroUnionSchema u => u.Branches.Any(a => u.Branches.Any(b => AvroSchemaMatch.IsPromotable(a.Type, b.Type)))
                || u.Branches.Any(b => HasPromotableBranchPair(b, seen)),
            AvroRecordSchema r => r.Fields.Any(f => HasPromotableBranchPair(f.Schema, seen)),
            AvroArraySchema a => HasPromotableBranchPair(a.Items, seen),
            AvroMapSchema m => HasPromotableBranchPair(m.Values, seen),
            _ => false,
        };
    }
}

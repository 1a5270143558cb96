using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Resolution;
using Etl.SchemaGovernance.Avro.Schema;
using Etl.SchemaGovernance.Compatibility.Avro;
using Etl.SchemaGovernance.Tests.Avro.Interop;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Compatibility.Avro;

/// <summary>
/// The compatibility checker and the resolving decoder must agree: when the checker finds no issue, the decoder
/// builds a plan and reads every value the writer wrote; when the decoder cannot even build a plan, the checker
/// reports at least one issue.
/// </summary>
public sealed class AvroCompatibilityConsistencyTests(AvscFixture fixture) : IClassFixture<AvscFixture>
{
    [Fact]
    public void CheckCanRead_onRandomEvolutions_agreesWithResolvingDecoder()
    {
        var mutator = new AvroSchemaMutator(99);
        var checker = new AvroPairwiseChecker();
        int compatible = 0, incompatible = 0;
        foreach (var c in fixture.Cases)
        {
            for (var m = 0; m < 6; m++)
            {
                var readerJson = mutator.Mutate(JsonNode.Parse(c.Json)!).ToJsonString();
                AvroSchema reader;
                try
                {
                    reader = AvroSchemaParser.Parse(readerJson);
                }
                catch (AvroSchemaException)
                {
                    continue;
                }

                var issues = checker.CheckCanRead(readerJson, c.Json);
                AvroDatumReader? datumReader = null;
                try
                {
                    datumReader = new AvroDatumReader(c.Schema, reader);
                }
                catch (AvroResolutionException e)
                {
                    Assert.True(issues.Count > 0, $"decoder rejects ({e.Message}) but checker accepts reader {readerJson} for writer {c.Json}");
                }

                if (issues.Count == 0)
                {
                    compatible++;
                    Assert.NotNull(datumReader);
                    foreach (var (bytes, _) in c.Values)
                    {
                        var ex = Record.Exception(() => datumReader!.Read(bytes));
                        Assert.True(ex is null, $"{ex?.Message}: reader {readerJson} for writer {c.Json}");
                    }
                }
                else
                {
                    incompatible++;
                    Assert.All(issues, i => Assert.StartsWith("/", i.Path, StringComparison.Ordinal));
                }
            }
        }

        Assert.True(compatible > 50, $"only {compatible} compatible evolutions were exercised");
        Assert.True(incompatible > 50, $"only {incompatible} incompatible evolutions were exercised");
    }
}

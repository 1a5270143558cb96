using System.Text;
using System.Text.Json.Nodes;
using Etl.SchemaGovernance.JsonSchema;
using NJ = NJsonSchema;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

/// <summary>
/// Our compiled validator against NJsonSchema's validator (the reference) on generated valid and invalid documents
/// for the three demo schemas: both must agree on every document.
/// </summary>
public sealed class NJsonSchemaDifferentialTests
{
    public static TheoryData<string> Feeds => new() { "ticker", "sensor", "ventilator" };

    private static string SchemaOf(string feed) => feed switch
    {
        "ticker" => DemoSchemas.Ticker,
        "sensor" => DemoSchemas.Sensor,
        _ => DemoSchemas.Ventilator,
    };

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task Validators_agree_on_generated_documents(string feed)
    {
        var schemaJson = SchemaOf(feed);
        var reference = await NJ.JsonSchema.FromJsonAsync(schemaJson);
        var ours = JsonSchemaValidator.Compile(schemaJson);
        var checkedCount = 0;
        var invalidCount = 0;
        var disagreements = new List<string>();

        foreach (var valid in DifferentialDocuments.Valid(feed, 40, seed: feed.Length))
        {
            foreach (var document in Variants(valid, feed))
            {
                var json = document.ToJsonString();
                var referenceValid = reference.Validate(json).Count == 0;
                var ourReason = ours.Validate(Encoding.UTF8.GetBytes(json));
                checkedCount++;
                invalidCount += referenceValid ? 0 : 1;
                if (referenceValid != (ourReason is null))
                {
                    disagreements.Add($"{json}: NJsonSchema {(referenceValid ? "valid" : "invalid")}, ours {ourReason?.ToString() ?? "valid"}");
                }
            }
        }

        Assert.Empty(disagreements);
        Assert.True(checkedCount > 500, $"only {checkedCount} documents were compared");
        Assert.InRange(invalidCount, checkedCount / 2, checkedCount - 40);
    }

    [Fact]
    public async Task Validators_differ_only_where_rfc3339_is_stricter_than_njsonschema()
    {
        var reference = await NJ.JsonSchema.FromJsonAsync(DemoSchemas.Ticker);
        var ours = JsonSchemaValidator.Compile(DemoSchemas.Ticker);
        const string json = """{"ticker":"BTC","price":1,"event_time":"2026-11-21 08:15:30"}""";

        Assert.Empty(reference.Validate(json));
        Assert.Equal("format", ours.Validate(Encoding.UTF8.GetBytes(json))!.Keyword);
    }

    private static IEnumerable<JsonNode> Variants(JsonObject valid, string feed)
    {
        yield return valid.DeepClone();
        var withExtra = (JsonObject)valid.DeepClone();
        withExtra["unexpected_extra"] = new JsonArray(1, "two", null);
        yield return withExtra;

        foreach (var (name, _) in valid)
        {
            var missing = (JsonObject)valid.DeepClone();
            missing.Remove(name);
            yield return missing;

            foreach (var mutation in DifferentialDocuments.Mutations(name, feed))
            {
                var changed = (JsonObject)valid.DeepClone();
                changed[name] = mutation?.DeepClone();
                yield return changed;
            }
        }

        yield return new JsonArray(valid.DeepClone());
        yield return JsonValue.Create("just a string");
    }
}

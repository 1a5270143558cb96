using Etl.SchemaGovernance.Compatibility.Json;
using NJsonSchemaDocument = NJsonSchema.JsonSchema;

namespace Etl.SchemaGovernance.Tests.Compatibility.Json;

/// <summary>
/// Cross-checks the rule table with an independent validator (NJsonSchema): whenever some probe instance is valid
/// against the writer schema and invalid against the reader schema, the checker must have refused the pair.
/// </summary>
public sealed class IndependentValidatorCrossCheckTests
{
    // Keywords NJsonSchema 10.7 does not evaluate: rows using them are left out so a skipped writer constraint cannot fake a counter-example.
    private static readonly string[] UnsupportedKeywords = ["prefixItems", "unevaluatedProperties", "dependentRequired", "dependentSchemas", "$defs", "propertyNames", "contains"];

    // Compatible by convention, not by validation: a reader that fills the declared default accepts data without the property.
    private static readonly string[] DefaultFilledKinds =
        [JsonDifferenceKinds.RequiredAttributeWithDefaultAdded, JsonDifferenceKinds.RequiredPropertyWithDefaultAddedToUnopenContentModel];

    private static readonly string[] Probes =
    [
        "null", "true", "false", "0", "1", "-1", "2.5", "3", "5", "6", "9.5", "10", "11", "12", "15", "20", "100",
        "\"\"", "\"a\"", "\"b\"", "\"c\"", "\"x\"", "\"ab\"", "\"abcdef\"", "\"abcdefghijk\"",
        "[]", "[\"a\"]", "[\"a\",\"a\"]", "[\"a\",1]", "[\"a\",\"b\"]", "[\"a\",\"b\",\"c\",\"d\"]", "[1]", "[\"abcdef\"]",
        "{}", "{\"a\":\"x\"}", "{\"a\":1}", "{\"a\":\"x\",\"b\":\"y\"}", "{\"b\":\"y\"}", "{\"a\":\"x\",\"c\":1}",
        "{\"x\":1,\"y\":2,\"z\":3}", "{\"n_count\":1.5}", "{\"n_count\":\"s\"}", "{\"a\":\"abcdef\"}", "{\"q\":\"s\"}",
    ];

    [Fact]
    public async Task CheckCanRead_every_counter_example_found_by_an_independent_validator_is_refused()
    {
        var checkedRows = 0;
        var rowsWithCounterExample = 0;
        foreach (var row in JsonDifferenceRulesTests.Cases)
        {
            var (original, update) = (Some.Json((string)row[0]), Some.Json((string)row[1]));
            if (Skipped(row, original, update))
            {
                continue;
            }

            var (writer, reader) = (await LoadAsync(original), await LoadAsync(update));
            if (writer is null || reader is null)
            {
                continue;
            }

            checkedRows++;
            var counterExample = Probes.FirstOrDefault(p => writer.Validate(p).Count == 0 && reader.Validate(p).Count > 0);
            if (counterExample is null)
            {
                continue;
            }

            rowsWithCounterExample++;
            Assert.False(Some.CanRead((string)row[0], (string)row[1]),
                $"{row[2]}: {counterExample} is valid for {original} and invalid for {update}, yet the change was accepted.");
        }

        // The probes must have teeth: most incompatible rows in the table do have a counter-example among them.
        Assert.True(checkedRows > 80, $"only {checkedRows} rows checked");
        Assert.True(rowsWithCounterExample > 40, $"only {rowsWithCounterExample} rows had a counter-example");
    }

    [Fact]
    public async Task CheckCanRead_compatible_rows_have_no_counter_example_among_probes()
    {
        foreach (var row in JsonDifferenceRulesTests.Cases.Where(r => (bool)r[4]))
        {
            var (original, update) = (Some.Json((string)row[0]), Some.Json((string)row[1]));
            if (Skipped(row, original, update))
            {
                continue;
            }

            var (writer, reader) = (await LoadAsync(original), await LoadAsync(update));
            if (writer is null || reader is null)
            {
                continue;
            }

            var counterExample = Probes.FirstOrDefault(p => writer.Validate(p).Count == 0 && reader.Validate(p).Count > 0);
            Assert.True(counterExample is null, $"{row[2]}: {counterExample} is valid for {original} and invalid for {update}.");
        }
    }

    // NJsonSchema 10.7 cannot load boolean subschemas; such rows are left out.
    private static async Task<NJsonSchemaDocument?> LoadAsync(string schema)
    {
        try
        {
            return await NJsonSchemaDocument.FromJsonAsync(schema);
        }
        catch (Newtonsoft.Json.JsonSerializationException)
        {
            return null;
        }
    }

    private static bool Skipped(object[] row, string original, string update) =>
        DefaultFilledKinds.Contains((string)row[2])
        || UnsupportedKeywords.Any(k => original.Contains('"' + k + '"', StringComparison.Ordinal) || update.Contains('"' + k + '"', StringComparison.Ordinal));
}

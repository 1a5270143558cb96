namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>
/// JSON Schema compatibility by difference analysis (Confluent style): the reader can read the writer's data when every
/// difference from writer to reader is in the policy's compatible set. Paths in issues are JSON pointer fragments that
/// follow the schema's structure (<c>#/properties/a/items</c>), with <c>$ref</c> followed in place.
/// </summary>
public sealed class JsonSchemaPairwiseChecker : IPairwiseChecker
{
    /// <summary>Creates a checker with the STRICT policy.</summary>
    public JsonSchemaPairwiseChecker()
        : this(JsonCompatibilityPolicy.Strict)
    {
    }

    public JsonSchemaPairwiseChecker(JsonCompatibilityPolicy policy) => Policy = policy;

    public JsonCompatibilityPolicy Policy { get; }

    public string DataFormat => "JSON";

    public void Validate(string definition)
    {
        using var document = JsonSchemaDocument.Parse(definition);
        JsonSchemaValidator.Validate(document);
    }

    public IReadOnlyList<PairIssue> CheckCanRead(string readerDefinition, string writerDefinition) =>
        Differences(writerDefinition, readerDefinition)
            .Where(d => !JsonDifferenceKinds.IsCompatible(d.Kind, Policy))
            .Select(d => new PairIssue(d.Path, d.Kind, d.Describe()))
            .ToList();

    /// <summary>Every difference from <paramref name="originalDefinition"/> (writer) to <paramref name="updateDefinition"/> (reader), compatible or not.</summary>
    public IReadOnlyList<JsonDifference> Differences(string originalDefinition, string updateDefinition)
    {
        using var original = JsonSchemaDocument.Parse(originalDefinition);
        using var update = JsonSchemaDocument.Parse(updateDefinition);
        JsonSchemaValidator.Validate(original);
        JsonSchemaValidator.Validate(update);
        return new JsonSchemaDiff(original, update, Policy).Run();
    }
}

using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Compatibility.Avro;

/// <summary>
/// The Avro <see cref="IPairwiseChecker"/>: parses both definitions with the full Avro schema rules and reports
/// reader/writer incompatibilities rule by rule (<see cref="AvroCompatibilityKinds"/>).
/// </summary>
/// <param name="checkTopLevelName">
/// True (the default) compares the names of top-level named types like every other name. Glue's registry appears to
/// accept a renamed top-level record; pass false to reproduce that leniency.
/// </param>
internal sealed class AvroPairwiseChecker(bool checkTopLevelName = true) : IPairwiseChecker
{
    public string DataFormat => "AVRO";

    public void Validate(string definition) => Parse(definition, "schema");

    public IReadOnlyList<PairIssue> CheckCanRead(string readerDefinition, string writerDefinition)
    {
        var reader = Parse(readerDefinition, "reader schema");
        var writer = Parse(writerDefinition, "writer schema");
        return AvroCompatibility.Check(reader, writer, checkTopLevelName);
    }

    private static AvroSchema Parse(string definition, string role)
    {
        try
        {
            return AvroSchemaParser.Parse(definition);
        }
        catch (AvroSchemaException e)
        {
            throw new SchemaDefinitionException($"invalid Avro {role}: {e.Message}", e);
        }
    }
}

using Etl.SchemaGovernance.Compatibility;

namespace Etl.SchemaGovernance.Tests.Compatibility;

/// <summary>
/// A checker over toy definitions: a definition is a comma-separated list of field names, optionally followed by
/// '|invalid' to fail validation. A reader can read a writer when the reader's fields are a subset of the writer's
/// (every field the reader needs is in the data). Records every pair it was asked about.
/// </summary>
internal sealed class FakePairwiseChecker : IPairwiseChecker
{
    public List<(string Reader, string Writer)> Calls { get; } = [];

    public string DataFormat => "FAKE";

    public void Validate(string definition)
    {
        if (definition.EndsWith("|invalid", StringComparison.Ordinal))
        {
            throw new SchemaDefinitionException("invalid toy definition");
        }
    }

    public IReadOnlyList<PairIssue> CheckCanRead(string readerDefinition, string writerDefinition)
    {
        Validate(readerDefinition);
        Validate(writerDefinition);
        Calls.Add((readerDefinition, writerDefinition));
        var writerFields = Fields(writerDefinition);
        return Fields(readerDefinition)
            .Where(f => !writerFields.Contains(f))
            .Select(f => new PairIssue("/fields/" + f, "FIELD_MISSING", $"field {f} is not in the data"))
            .ToList();
    }

    private static HashSet<string> Fields(string definition) =>
        definition.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

namespace Etl.SchemaGovernance.Compatibility;

/// <summary>One reason why a reader schema cannot read data written with a writer schema.</summary>
/// <param name="Path">JSON path into the schema document where the problem is, e.g. <c>/fields/2/type</c>.</param>
/// <param name="Kind">A stable rule name, e.g. <c>READER_FIELD_MISSING_DEFAULT_VALUE</c> or <c>PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL</c>.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record PairIssue(string Path, string Kind, string Message);

/// <summary>
/// Checks whether data written with one schema version can be read with another, for one schema format.
/// The compatibility modes (BACKWARD, FORWARD, FULL, their _ALL forms, NONE, DISABLED) are built on top of this by
/// choosing which pairs to check.
/// </summary>
public interface IPairwiseChecker
{
    /// <summary>The Glue data format name: <c>AVRO</c> or <c>JSON</c>.</summary>
    string DataFormat { get; }

    /// <summary>Parses the definition; throws <see cref="SchemaDefinitionException"/> naming the problem if it is invalid.</summary>
    void Validate(string definition);

    /// <summary>
    /// The issues that stop <paramref name="readerDefinition"/> from reading data written with
    /// <paramref name="writerDefinition"/>; empty when it can. Throws <see cref="SchemaDefinitionException"/> for an
    /// invalid definition.
    /// </summary>
    IReadOnlyList<PairIssue> CheckCanRead(string readerDefinition, string writerDefinition);
}

/// <summary>A schema definition that cannot be parsed or is not a valid schema; the message names the problem and where.</summary>
public sealed class SchemaDefinitionException(string message, Exception? inner = null) : Exception(message, inner);

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>One <c>dependencies</c> entry: when the key property is present, others are required or a schema applies.</summary>
internal sealed record PropertyDependency(int KeyIndex, int[] RequiredIndexes, SchemaNode? Schema);

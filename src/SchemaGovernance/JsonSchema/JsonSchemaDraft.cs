namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>The JSON Schema drafts the registry accepts (the ones Glue Schema Registry accepts).</summary>
public enum JsonSchemaDraft
{
    Draft4 = 4,
    Draft6 = 6,
    Draft7 = 7,
}

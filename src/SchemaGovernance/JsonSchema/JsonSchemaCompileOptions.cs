namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>How a JSON Schema is compiled.</summary>
public sealed record JsonSchemaCompileOptions
{
    /// <summary>The draft used when the schema has no <c>$schema</c> keyword naming one. Default: draft 7.</summary>
    public JsonSchemaDraft DefaultDraft { get; init; } = JsonSchemaDraft.Draft7;

    /// <summary>
    /// Returns the text of a document referenced by an absolute URI (without fragment), or null when unknown.
    /// Default: none; the draft-07 meta-schema is built in. Nothing is fetched over the network.
    /// </summary>
    public Func<Uri, string?>? ResolveDocument { get; init; }

    public static JsonSchemaCompileOptions Default { get; } = new();
}

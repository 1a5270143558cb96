using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>Keywords kept for the column mapping; they do not take part in validation themselves.</summary>
internal sealed class SchemaAnnotations
{
    /// <summary>The <c>type</c> keyword as written, or null when absent.</summary>
    public JsonTypes? DeclaredTypes { get; set; }

    public string? Format { get; set; }

    /// <summary>The <c>enum</c> values (or the single <c>const</c> value), or null when absent.</summary>
    public IReadOnlyList<JsonElement>? EnumValues { get; set; }

    /// <summary>The OpenAPI-style <c>"nullable": true</c> extension.</summary>
    public bool Nullable { get; set; }

    /// <summary>The <c>x-etl-decimal</c> extension: precision and scale of a fixed-point column.</summary>
    public (int Precision, int Scale)? Decimal { get; set; }

    public IReadOnlyList<SchemaNode>? AllOf { get; set; }

    public IReadOnlyList<SchemaNode>? AnyOf { get; set; }

    public IReadOnlyList<SchemaNode>? OneOf { get; set; }
}

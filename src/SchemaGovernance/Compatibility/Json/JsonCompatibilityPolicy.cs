namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>Which JSON Schema differences count as compatible.</summary>
public enum JsonCompatibilityPolicy
{
    /// <summary>
    /// The default. A change is compatible only if every instance the writer schema accepts is still accepted by the reader
    /// schema, judged keyword by keyword (Confluent's STRICT set).
    /// </summary>
    Strict = 0,

    /// <summary>
    /// STRICT plus nine changes that are safe for producers that never send undeclared properties:
    /// closing or narrowing <c>additionalProperties</c>/<c>unevaluatedProperties</c>, adding an optional (or required with
    /// default) property to an open content model, removing a property from a closed content model, and adding or removing
    /// a property not covered by a partially open content model. See <see cref="JsonDifferenceKinds.LenientOnly"/>.
    /// </summary>
    Lenient = 1,
}

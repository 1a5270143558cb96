namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// A schema that cannot be compiled or mapped to columns: malformed keywords, an unresolvable <c>$ref</c>, or two
/// property names that collide after lowercasing. Thrown at compile or registration time, never for a record.
/// </summary>
public sealed class JsonSchemaException : Exception
{
    public JsonSchemaException()
    {
    }

    public JsonSchemaException(string message)
        : base(message)
    {
    }

    public JsonSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where in the schema the problem is (a JSON pointer such as <c>#/properties/a</c>), if known.</summary>
    public string? SchemaLocation { get; init; }
}

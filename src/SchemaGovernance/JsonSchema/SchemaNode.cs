using System.Runtime.CompilerServices;
using System.Text.Json;
using Etl.SchemaGovernance.Mapping;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// One compiled schema. Validation reads the instance with a <see cref="Utf8JsonReader"/> positioned on the value's
/// first token and leaves it on the value's last token (the same token for scalars, the matching end token for
/// objects and arrays). Keywords that look at the same value more than once (anyOf, oneOf, not, if, enum of
/// containers) work on copies of the reader, which is a value type.
/// </summary>
internal sealed class SchemaNode
{
    public SchemaNode(string location) => Location = location;

    /// <summary>Where this schema sits, as an absolute URI with a JSON-pointer fragment (for messages).</summary>
    public string Location { get; }

    /// <summary>True or false for a boolean schema; null for an object schema.</summary>
    public bool? BooleanSchema { get; set; }

    /// <summary>In draft 4 to 7 a <c>$ref</c> replaces every sibling keyword.</summary>
    public SchemaNode? Ref { get; set; }

    public JsonTypes Types { get; set; } = JsonTypes.All;

    /// <summary>Checks that look at the whole value without consuming it (enum, const, allOf, anyOf, oneOf, not, if).</summary>
    public InPlaceCheck[] InPlace { get; set; } = [];

    public NumberChecks? Number { get; set; }

    public StringChecks? String { get; set; }

    public ObjectChecks? Object { get; set; }

    public ArrayChecks? Array { get; set; }

    /// <summary>What the type mapping needs beyond validation (declared type, format, enum, extensions).</summary>
    public SchemaAnnotations Annotations { get; } = new();

    /// <summary>This schema with <c>$ref</c> chains followed.</summary>
    public SchemaNode Resolved
    {
        get
        {
            var node = this;
            for (var guard = 0; node.Ref is not null && guard < ValidationState.MaxDepth; guard++)
            {
                node = node.Ref;
            }

            return node;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Validate(ref Utf8JsonReader reader, ref ValidationState state) => Validate(ref reader, ref state, null, null);

    /// <summary>
    /// Validates, and when <paramref name="conversion"/> is given and the value is an object, converts its declared
    /// properties into <paramref name="row"/> in the same pass.
    /// </summary>
    public bool Validate(ref Utf8JsonReader reader, ref ValidationState state, StructConversion? conversion, object?[]? row)
    {
        if (Ref is not null)
        {
            if (++state.Depth > ValidationState.MaxDepth)
            {
                state.Depth--;
                return state.Fail("$ref", "schema references nest too deeply");
            }

            var ok = Ref.Validate(ref reader, ref state);
            state.Depth--;
            return ok;
        }

        if (BooleanSchema is bool allowed)
        {
            if (!allowed)
            {
                return state.Fail("false", "no value is allowed here");
            }

            reader.Skip();
            return true;
        }

        var token = reader.TokenType;
        if (Types != JsonTypes.All && !TypeMatches(ref reader, token, Types))
        {
            return state.Recording
                ? state.Fail("type", $"expected {JsonTypeNames.Describe(Types)}, found {Describe(token)}")
                : false;
        }

        if (InPlace.Length > 0 && !CheckInPlace(ref reader, ref state))
        {
            return false;
        }

        switch (token)
        {
            case JsonTokenType.StartObject:
                if (Object is null)
                {
                    reader.Skip();
                    return true;
                }

                return Object.Validate(ref reader, ref state, conversion, row);
            case JsonTokenType.StartArray:
                if (Array is null)
                {
                    reader.Skip();
                    return true;
                }

                return Array.Validate(ref reader, ref state);
            case JsonTokenType.String:
                return String is null || String.Validate(ref reader, ref state);
            case JsonTokenType.Number:
                return Number is null || Number.Validate(ref reader, ref state);
            default:
                return true;
        }
    }

    /// <summary>Kept out of <see cref="Validate(ref Utf8JsonReader, ref ValidationState)"/> so the common path has no reader copy to initialise.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool CheckInPlace(ref Utf8JsonReader reader, ref ValidationState state)
    {
        var inPlace = InPlace;
        for (var i = 0; i < inPlace.Length; i++)
        {
            var copy = reader;
            if (!inPlace[i].Check(ref copy, ref state))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TypeMatches(ref Utf8JsonReader reader, JsonTokenType token, JsonTypes types) => token switch
    {
        JsonTokenType.StartObject => (types & JsonTypes.Object) != 0,
        JsonTokenType.StartArray => (types & JsonTypes.Array) != 0,
        JsonTokenType.String => (types & JsonTypes.String) != 0,
        JsonTokenType.True or JsonTokenType.False => (types & JsonTypes.Boolean) != 0,
        JsonTokenType.Null => (types & JsonTypes.Null) != 0,
        JsonTokenType.Number => (types & JsonTypes.Number) != 0
            || ((types & JsonTypes.Integer) != 0 && JsonNumbers.IsIntegral(ref reader)),
        _ => false,
    };

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.Number => "number",
        _ => token.ToString(),
    };

    public override string ToString() => Location;
}

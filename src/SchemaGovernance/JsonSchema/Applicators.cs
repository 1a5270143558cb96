using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary><c>allOf</c>: every schema applies; the first failure is reported as it is.</summary>
internal sealed class AllOfCheck(SchemaNode[] schemas) : InPlaceCheck
{
    public override bool Check(ref Utf8JsonReader reader, ref ValidationState state)
    {
        foreach (var schema in schemas)
        {
            var copy = reader;
            if (!schema.Validate(ref copy, ref state))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>anyOf</c>: at least one schema applies.</summary>
internal sealed class AnyOfCheck(SchemaNode[] schemas) : InPlaceCheck
{
    public override bool Check(ref Utf8JsonReader reader, ref ValidationState state)
    {
        state.Quiet++;
        try
        {
            foreach (var schema in schemas)
            {
                var copy = reader;
                if (schema.Validate(ref copy, ref state))
                {
                    return true;
                }
            }
        }
        finally
        {
            state.Quiet--;
        }

        return state.Fail("anyOf", "matches none of the anyOf schemas");
    }
}

/// <summary><c>oneOf</c>: exactly one schema applies.</summary>
internal sealed class OneOfCheck(SchemaNode[] schemas) : InPlaceCheck
{
    public override bool Check(ref Utf8JsonReader reader, ref ValidationState state)
    {
        var matches = 0;
        state.Quiet++;
        try
        {
            foreach (var schema in schemas)
            {
                var copy = reader;
                if (schema.Validate(ref copy, ref state) && ++matches > 1)
                {
                    break;
                }
            }
        }
        finally
        {
            state.Quiet--;
        }

        return matches == 1
            || state.Fail("oneOf", matches == 0 ? "matches none of the oneOf schemas" : "matches more than one oneOf schema");
    }
}

/// <summary><c>not</c>: the schema must not apply.</summary>
internal sealed class NotCheck(SchemaNode schema) : InPlaceCheck
{
    public override bool Check(ref Utf8JsonReader reader, ref ValidationState state)
    {
        state.Quiet++;
        var matched = schema.Validate(ref reader, ref state);
        state.Quiet--;
        return !matched || state.Fail("not", "must not match the 'not' schema");
    }
}

/// <summary><c>if</c> / <c>then</c> / <c>else</c> (draft 7).</summary>
internal sealed class IfThenElseCheck(SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : InPlaceCheck
{
    public override bool Check(ref Utf8JsonReader reader, ref ValidationState state)
    {
        var copy = reader;
        state.Quiet++;
        var holds = condition.Validate(ref copy, ref state);
        state.Quiet--;
        var branch = holds ? then : otherwise;
        return branch is null || branch.Validate(ref reader, ref state);
    }
}

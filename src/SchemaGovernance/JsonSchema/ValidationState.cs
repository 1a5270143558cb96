namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// Mutable state threaded through one validation. A struct passed by reference: a valid instance allocates nothing.
/// While <see cref="Quiet"/> is positive (inside anyOf, oneOf, not, if and contains), failures are not recorded.
/// </summary>
internal struct ValidationState
{
    /// <summary>Limit on nested <c>$ref</c> and applicator evaluations that do not consume the instance.</summary>
    public const int MaxDepth = 256;

    public ValidationError? Error;

    public int Quiet;

    public int Depth;

    public readonly bool Recording => Quiet == 0;

    /// <summary>Records the failure (unless quiet) and returns false, so callers can write <c>return s.Fail(...)</c>.</summary>
    public bool Fail(string keyword, string message)
    {
        if (Quiet == 0 && Error is null)
        {
            Error = new ValidationError(keyword, message);
        }

        return false;
    }

    /// <summary>Adds a property segment to a recorded failure while unwinding and returns false.</summary>
    public readonly bool FailAt(string property)
    {
        if (Quiet == 0)
        {
            Error?.PushProperty(property);
        }

        return false;
    }

    public readonly bool FailAt(int index)
    {
        if (Quiet == 0)
        {
            Error?.PushIndex(index);
        }

        return false;
    }
}

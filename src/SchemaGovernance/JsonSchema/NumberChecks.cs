using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>minimum, maximum, exclusiveMinimum, exclusiveMaximum and multipleOf.</summary>
internal sealed class NumberChecks
{
    public NumericBound? Minimum { get; set; }

    public NumericBound? Maximum { get; set; }

    public NumericBound? ExclusiveMinimum { get; set; }

    public NumericBound? ExclusiveMaximum { get; set; }

    public NumericBound? MultipleOf { get; set; }

    public bool IsEmpty => Minimum is null && Maximum is null && ExclusiveMinimum is null && ExclusiveMaximum is null
        && MultipleOf is null;

    public bool Validate(ref Utf8JsonReader reader, ref ValidationState state)
    {
        if (Minimum is { } min && min.CompareValue(ref reader) < 0)
        {
            return state.Fail("minimum", $"must be >= {min}");
        }

        if (Maximum is { } max && max.CompareValue(ref reader) > 0)
        {
            return state.Fail("maximum", $"must be <= {max}");
        }

        if (ExclusiveMinimum is { } xmin && xmin.CompareValue(ref reader) <= 0)
        {
            return state.Fail("exclusiveMinimum", $"must be > {xmin}");
        }

        if (ExclusiveMaximum is { } xmax && xmax.CompareValue(ref reader) >= 0)
        {
            return state.Fail("exclusiveMaximum", $"must be < {xmax}");
        }

        if (MultipleOf is { } step && !IsMultiple(ref reader, step))
        {
            return state.Fail("multipleOf", $"must be a multiple of {step}");
        }

        return true;
    }

    private static bool IsMultiple(ref Utf8JsonReader reader, NumericBound step)
    {
        if (step.Exact is decimal divisor && reader.TryGetDecimal(out var value))
        {
            try
            {
                return value % divisor == 0m;
            }
            catch (OverflowException)
            {
                // Falls through to the floating-point remainder.
            }
        }

        var x = JsonNumbers.ToDouble(ref reader);
        if (double.IsInfinity(x))
        {
            return false;
        }

        return x % step.Double == 0d;
    }
}

using Etl.SchemaGovernance.Compatibility.Avro;
using Etl.SchemaGovernance.Compatibility.Json;

namespace Etl.SchemaGovernance.Compatibility;

/// <summary>The pairwise checker for a data format name (<c>avro</c>/<c>json</c>, any case, Glue's <c>AVRO</c>/<c>JSON</c> included).</summary>
public static class PairwiseCheckerFactory
{
    /// <summary>Whether the format is one this factory knows.</summary>
    public static bool IsKnownFormat(string? format) =>
        string.Equals(format, "avro", StringComparison.OrdinalIgnoreCase) || string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the checker for the format: <see cref="JsonSchemaPairwiseChecker"/> with the policy, or the Avro checker with its
    /// defaults (top-level names compared). Throws <see cref="ArgumentException"/> for an unknown format.
    /// </summary>
    public static IPairwiseChecker Create(string format, JsonCompatibilityPolicy policy = JsonCompatibilityPolicy.Strict)
    {
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return new JsonSchemaPairwiseChecker(policy);
        }

        if (string.Equals(format, "avro", StringComparison.OrdinalIgnoreCase))
        {
            return new AvroPairwiseChecker();
        }

        throw new ArgumentException($"Unknown data format '{format}'; expected avro or json.", nameof(format));
    }
}

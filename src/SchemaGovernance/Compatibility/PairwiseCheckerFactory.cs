using System.Diagnostics.CodeAnalysis;
using Etl.SchemaGovernance.Compatibility.Json;

namespace Etl.SchemaGovernance.Compatibility;

/// <summary>The pairwise checker for a data format name (<c>avro</c>/<c>json</c>, any case, Glue's <c>AVRO</c>/<c>JSON</c> included).</summary>
public static class PairwiseCheckerFactory
{
    /// <summary>Full name of the Avro checker, constructed through its public parameterless constructor.</summary>
    public const string AvroCheckerTypeName = "Etl.SchemaGovernance.Compatibility.Avro.AvroPairwiseChecker";

    /// <summary>Whether the format is one this factory knows (it may still be unavailable in this build, see <see cref="Create"/>).</summary>
    public static bool IsKnownFormat(string? format) =>
        string.Equals(format, "avro", StringComparison.OrdinalIgnoreCase) || string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the checker for the format. The policy applies to JSON only. Throws <see cref="ArgumentException"/> for an
    /// unknown format and <see cref="NotSupportedException"/> when the Avro checker is not part of this build.
    /// </summary>
    public static IPairwiseChecker Create(string format, JsonCompatibilityPolicy policy = JsonCompatibilityPolicy.Strict)
    {
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return new JsonSchemaPairwiseChecker(policy);
        }

        if (string.Equals(format, "avro", StringComparison.OrdinalIgnoreCase))
        {
            return CreateAvro();
        }

        throw new ArgumentException($"Unknown data format '{format}'; expected avro or json.", nameof(format));
    }

    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "The Avro checker lives in this assembly and is kept by its use here.")]
    private static IPairwiseChecker CreateAvro()
    {
        var type = typeof(PairwiseCheckerFactory).Assembly.GetType(AvroCheckerTypeName, throwOnError: false);
        if (type is null || !typeof(IPairwiseChecker).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new NotSupportedException($"The Avro compatibility checker ({AvroCheckerTypeName}) is not available in this build.");
        }

        return (IPairwiseChecker)Activator.CreateInstance(type)!;
    }
}

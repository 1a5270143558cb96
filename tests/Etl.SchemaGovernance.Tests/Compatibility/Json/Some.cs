using Etl.SchemaGovernance.Compatibility.Json;

namespace Etl.SchemaGovernance.Tests.Compatibility.Json;

/// <summary>Test data helpers: JSON written with single quotes for readability.</summary>
internal static class Some
{
    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static IReadOnlyList<JsonDifference> Differences(string original, string update, JsonCompatibilityPolicy policy = JsonCompatibilityPolicy.Strict) =>
        new JsonSchemaPairwiseChecker(policy).Differences(Json(original), Json(update));

    public static bool CanRead(string writer, string reader, JsonCompatibilityPolicy policy = JsonCompatibilityPolicy.Strict) =>
        new JsonSchemaPairwiseChecker(policy).CheckCanRead(Json(reader), Json(writer)).Count == 0;
}

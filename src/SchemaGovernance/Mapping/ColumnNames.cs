using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>Column and field names: lowercased (Athena folds case); two properties that fold together are rejected.</summary>
internal static class ColumnNames
{
    public static string[] Fold(IReadOnlyList<string> propertyNames, string where)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new string[propertyNames.Count];
        for (var i = 0; i < propertyNames.Count; i++)
        {
            var original = propertyNames[i];
            var folded = original.ToLowerInvariant();
            if (folded.Length == 0)
            {
                throw new JsonSchemaException($"an empty property name cannot be a column name (at {where})") { SchemaLocation = where };
            }

            if (!seen.TryAdd(folded, original))
            {
                throw new JsonSchemaException(
                    $"properties '{seen[folded]}' and '{original}' both map to column '{folded}' after lowercasing (at {where})")
                {
                    SchemaLocation = where,
                };
            }

            result[i] = folded;
        }

        return result;
    }
}

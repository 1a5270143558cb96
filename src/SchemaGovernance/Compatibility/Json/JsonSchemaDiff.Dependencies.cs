using System.Text.Json;
using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>
/// Property dependencies: <c>dependencies</c> (drafts 04–07: an array of names or a schema per property),
/// <c>dependentRequired</c> and <c>dependentSchemas</c> (2019-09 on); <c>propertyNames</c> and <c>contains</c>.
/// </summary>
internal sealed partial class JsonSchemaDiff
{
    private static readonly SchemaNode AnySchema = new(JsonDocument.Parse("true").RootElement, "<any>");

    private void CompareDependencies(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        var before = Dependencies(original);
        var after = Dependencies(update);
        foreach (var (name, dependency) in before)
        {
            var path = "/" + dependency.Keyword + "/" + JsonPointer.Escape(name);
            if (!after.TryGetValue(name, out var updated))
            {
                result.Add(new(dependency.Names is null ? K.DependencySchemaRemoved : K.DependencyArrayRemoved, path, name));
            }
            else if (dependency.Names is not null && updated.Names is not null)
            {
                var kind = dependency.Names.SetEquals(updated.Names) ? null
                    : updated.Names.IsSubsetOf(dependency.Names) ? K.DependencyArrayNarrowed
                    : updated.Names.IsSupersetOf(dependency.Names) ? K.DependencyArrayExtended
                    : K.DependencyArrayChanged;
                if (kind is not null)
                {
                    result.Add(new(kind, "/" + updated.Keyword + "/" + JsonPointer.Escape(name), name));
                }
            }
            else if (dependency.Schema is { } schemaBefore && updated.Schema is { } schemaAfter)
            {
                var updatedPath = "/" + updated.Keyword + "/" + JsonPointer.Escape(name);
                result.AddRange(Compare(schemaBefore, schemaAfter).Select(d => d.Under(updatedPath)));
            }
            else
            {
                // An array dependency became a schema dependency or the other way round.
                result.Add(new(updated.Names is null ? K.DependencySchemaAdded : K.DependencyArrayAdded, "/" + updated.Keyword + "/" + JsonPointer.Escape(name), name));
                result.Add(new(dependency.Names is null ? K.DependencySchemaRemoved : K.DependencyArrayRemoved, path, name));
            }
        }

        foreach (var (name, dependency) in after)
        {
            if (!before.ContainsKey(name))
            {
                result.Add(new(dependency.Names is null ? K.DependencySchemaAdded : K.DependencyArrayAdded,
                    "/" + dependency.Keyword + "/" + JsonPointer.Escape(name), name));
            }
        }
    }

    /// <summary><c>propertyNames</c>: every name the writer allows must be allowed by the reader.</summary>
    private void ComparePropertyNames(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        if (!original.Has("propertyNames") && !update.Has("propertyNames"))
        {
            return;
        }

        var before = original.Has("propertyNames") ? original.Child("propertyNames") : AnySchema;
        var after = update.Has("propertyNames") ? update.Child("propertyNames") : AnySchema;
        result.AddRange(Compare(before, after).Select(d => d.Under("/propertyNames")));
    }

    /// <summary><c>contains</c>: an item matching the writer's <c>contains</c> must match the reader's.</summary>
    private void CompareContains(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        if (!update.Has("contains"))
        {
            return;
        }

        var before = original.Has("contains") ? original.Child("contains") : AnySchema;
        result.AddRange(Compare(before, update.Child("contains")).Select(d => d.Under("/contains")));
    }

    private static Dictionary<string, Dependency> Dependencies(SchemaNode node)
    {
        var result = new Dictionary<string, Dependency>(StringComparer.Ordinal);
        foreach (var keyword in (string[])["dependencies", "dependentRequired", "dependentSchemas"])
        {
            if (!node.TryGet(keyword, out var map) || map.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var entry in map.EnumerateObject())
            {
                result[entry.Name] = entry.Value.ValueKind == JsonValueKind.Array
                    ? new Dependency(keyword, entry.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String)
                        .Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal), null)
                    : new Dependency(keyword, null, node.Child(keyword, entry.Name));
            }
        }

        return result;
    }

    private sealed record Dependency(string Keyword, HashSet<string>? Names, SchemaNode? Schema);
}

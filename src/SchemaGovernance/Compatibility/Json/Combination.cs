using System.Globalization;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>The combiners JSON Schema offers.</summary>
internal enum CombinationKind
{
    AllOf = 0,
    AnyOf = 1,
    OneOf = 2,
}

/// <summary>One branch of a combination and the path segment that leads to it from the combined schema.</summary>
internal readonly record struct CombinationBranch(SchemaNode Node, string Segment);

/// <summary>
/// A schema read as a combination of branches. A schema with one combiner and no other constraints is that combiner;
/// a schema with several combiners, or a combiner beside other constraints, is the conjunction (allOf) of its parts.
/// </summary>
internal sealed record Combination(CombinationKind Kind, string? Keyword, IReadOnlyList<CombinationBranch> Branches)
{
    public bool IsSum => Kind != CombinationKind.AllOf;

    /// <summary>The combination the node stands for, or null when it has no combiner.</summary>
    public static Combination? Of(SchemaNode node, Func<string, bool> isAnnotation)
    {
        if (node.Element.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return null;
        }

        var combiners = new List<string>(3);
        var hasOtherConstraints = false;
        foreach (var property in node.Element.EnumerateObject())
        {
            if (!node.Has(property.Name))
            {
                continue;
            }

            if (property.Name is "allOf" or "anyOf" or "oneOf")
            {
                combiners.Add(property.Name);
            }
            else if (!isAnnotation(property.Name))
            {
                hasOtherConstraints = true;
            }
        }

        if (combiners.Count == 0)
        {
            return null;
        }

        if (combiners.Count == 1 && !hasOtherConstraints)
        {
            var keyword = combiners[0];
            var count = node.Element.GetProperty(keyword).GetArrayLength();
            var branches = new CombinationBranch[count];
            for (var i = 0; i < count; i++)
            {
                branches[i] = new CombinationBranch(node.Child(keyword, i), "/" + keyword + "/" + i.ToString(CultureInfo.InvariantCulture));
            }

            return new Combination(KindOf(keyword), keyword, branches);
        }

        var parts = new List<CombinationBranch>(combiners.Count + 1);
        if (hasOtherConstraints)
        {
            parts.Add(new CombinationBranch(node with { Facet = SchemaFacet.WithoutCombiners }, string.Empty));
        }

        foreach (var keyword in combiners)
        {
            var facet = keyword switch
            {
                "allOf" => SchemaFacet.AllOfOnly,
                "anyOf" => SchemaFacet.AnyOfOnly,
                _ => SchemaFacet.OneOfOnly,
            };
            parts.Add(new CombinationBranch(node with { Facet = facet }, string.Empty));
        }

        return new Combination(CombinationKind.AllOf, null, parts);
    }

    private static CombinationKind KindOf(string keyword) => keyword switch
    {
        "allOf" => CombinationKind.AllOf,
        "anyOf" => CombinationKind.AnyOf,
        _ => CombinationKind.OneOf,
    };
}

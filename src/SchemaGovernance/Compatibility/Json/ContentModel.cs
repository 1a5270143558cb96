using System.Text.Json;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>How an object schema treats properties it does not declare.</summary>
internal enum Openness
{
    /// <summary>Undeclared properties may have any value (no additionalProperties schema, no patternProperties).</summary>
    Open = 0,

    /// <summary>Undeclared properties are not allowed (<c>additionalProperties: false</c>, no patternProperties).</summary>
    Closed = 1,

    /// <summary>Undeclared properties are constrained by patternProperties or an additionalProperties/unevaluatedProperties schema.</summary>
    PartiallyOpen = 2,
}

/// <summary>What an object schema allows for one undeclared property name.</summary>
internal enum CoverKind
{
    Anything = 0,
    Nothing = 1,
    Schema = 2,
}

internal readonly record struct Cover(CoverKind Kind, SchemaNode Schema);

/// <summary>The content model of an object schema: its openness and, for a property name, the schema that covers it.</summary>
internal sealed class ContentModel
{
    private readonly SchemaNode _node;
    private readonly List<string> _patterns;
    private readonly Cover _rest;

    private ContentModel(SchemaNode node, List<string> patterns, Cover rest, Openness openness)
    {
        _node = node;
        _patterns = patterns;
        _rest = rest;
        Openness = openness;
    }

    public Openness Openness { get; }

    public static ContentModel Of(SchemaNode node)
    {
        var patterns = node.TryGet("patternProperties", out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        var rest = RestOf(node, "additionalProperties") is { } additional && additional.Kind != CoverKind.Anything
            ? additional
            : RestOf(node, "unevaluatedProperties") ?? new Cover(CoverKind.Anything, default);
        var openness = patterns.Count > 0 ? Openness.PartiallyOpen : rest.Kind switch
        {
            CoverKind.Anything => Openness.Open,
            CoverKind.Nothing => Openness.Closed,
            _ => Openness.PartiallyOpen,
        };
        return new ContentModel(node, patterns, rest, openness);
    }

    /// <summary>The first patternProperties schema whose pattern matches, else what additional/unevaluated properties allow.</summary>
    public Cover Covering(string propertyName)
    {
        foreach (var pattern in _patterns)
        {
            if (PatternCache.IsMatch(pattern, propertyName))
            {
                return new Cover(CoverKind.Schema, _node.Child("patternProperties", pattern));
            }
        }

        return _rest;
    }

    private static Cover? RestOf(SchemaNode node, string keyword)
    {
        if (!node.TryGet(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => new Cover(CoverKind.Anything, default),
            JsonValueKind.False => new Cover(CoverKind.Nothing, default),
            _ => new Cover(CoverKind.Schema, node.Child(keyword)),
        };
    }
}

using System.Text.Json;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>Which part of a schema object a node stands for.</summary>
/// <remarks>
/// A schema that mixes a combiner (allOf/anyOf/oneOf) with other keywords, or uses several combiners, is read as the
/// conjunction of its parts: the keywords without combiners, and each combiner on its own.
/// </remarks>
internal enum SchemaFacet
{
    Whole = 0,
    WithoutCombiners = 1,
    AllOfOnly = 2,
    AnyOfOnly = 3,
    OneOfOnly = 4,
}

/// <summary>A subschema: its JSON, where it sits in its document (a JSON pointer), and the part of it considered.</summary>
internal readonly record struct SchemaNode(JsonElement Element, string Location, SchemaFacet Facet = SchemaFacet.Whole)
{
    public string Key => Facet == SchemaFacet.Whole ? Location : Location + "@" + ((int)Facet).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsBoolean => Element.ValueKind is JsonValueKind.True or JsonValueKind.False;

    public bool IsFalse => Element.ValueKind == JsonValueKind.False;

    /// <summary>The keyword's value if this node is an object schema that has it and the facet includes it.</summary>
    public bool TryGet(string keyword, out JsonElement value)
    {
        value = default;
        if (Element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!Includes(keyword))
        {
            return false;
        }

        return Element.TryGetProperty(keyword, out value);
    }

    public bool Has(string keyword) => TryGet(keyword, out _);

    public SchemaNode Child(string keyword) =>
        new(Element.GetProperty(keyword), Location + "/" + JsonPointer.Escape(keyword));

    public SchemaNode Child(string keyword, string name) =>
        new(Element.GetProperty(keyword).GetProperty(name), Location + "/" + JsonPointer.Escape(keyword) + "/" + JsonPointer.Escape(name));

    public SchemaNode Child(string keyword, int index) =>
        new(Element.GetProperty(keyword)[index], Location + "/" + JsonPointer.Escape(keyword) + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private bool Includes(string keyword)
    {
        var isCombiner = keyword is "allOf" or "anyOf" or "oneOf";
        return Facet switch
        {
            SchemaFacet.Whole => true,
            SchemaFacet.WithoutCombiners => !isCombiner,
            SchemaFacet.AllOfOnly => keyword == "allOf",
            SchemaFacet.AnyOfOnly => keyword == "anyOf",
            SchemaFacet.OneOfOnly => keyword == "oneOf",
            _ => false,
        };
    }
}

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>One difference between an original (writer) and an updated (reader) JSON Schema.</summary>
/// <param name="Kind">A name from <see cref="JsonDifferenceKinds"/>.</param>
/// <param name="Path">Where, as a JSON pointer fragment following the schema's structure, e.g. <c>#/properties/address/properties/zip</c>.</param>
/// <param name="Detail">The values involved, for people, e.g. <c>10 -> 5</c> or a property name.</param>
public sealed record JsonDifference(string Kind, string Path, string Detail)
{
    internal JsonDifference Under(string prefix) => this with { Path = prefix + Path };

    /// <summary>A sentence for people: the kind in words, then the detail.</summary>
    public string Describe()
    {
        var words = Kind.Replace('_', ' ').ToLowerInvariant();
        var sentence = char.ToUpperInvariant(words[0]) + words[1..];
        return Detail.Length == 0 ? sentence + "." : sentence + ": " + Detail + ".";
    }
}

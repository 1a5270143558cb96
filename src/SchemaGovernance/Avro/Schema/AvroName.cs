namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A full name: an unqualified name and an optional namespace.</summary>
internal sealed record AvroName(string Name, string? Namespace)
{
    /// <summary>The dotted full name, e.g. <c>com.example.Event</c>.</summary>
    public string Full => Namespace is null ? Name : Namespace + "." + Name;

    /// <summary>Resolves <paramref name="name"/> (qualified when it contains a dot) against <paramref name="enclosingNamespace"/>.</summary>
    public static AvroName Resolve(string name, string? enclosingNamespace)
    {
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            return new AvroName(name[(dot + 1)..], name[..dot]);
        }

        return new AvroName(name, string.IsNullOrEmpty(enclosingNamespace) ? null : enclosingNamespace);
    }

    public override string ToString() => Full;
}

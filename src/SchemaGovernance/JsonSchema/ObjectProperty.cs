using System.Text;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// A property name an object schema knows: declared in <c>properties</c> (with its schema) or only named by
/// <c>required</c> or <c>dependencies</c> (no schema).
/// </summary>
internal sealed class ObjectProperty
{
    public ObjectProperty(string name, SchemaNode? schema)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Schema = schema;
    }

    public string Name { get; }

    public byte[] Utf8Name { get; }

    /// <summary>The schema from <c>properties</c>, or null for a name that is only required or a dependency key.</summary>
    public SchemaNode? Schema { get; set; }

    public override string ToString() => Name;
}

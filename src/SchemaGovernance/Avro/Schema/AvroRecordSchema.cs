namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A record (or error) type. Fields are attached after construction so that a record can refer to itself.</summary>
internal sealed class AvroRecordSchema : AvroNamedSchema
{
    private IReadOnlyList<AvroField> _fields = [];
    private Dictionary<string, AvroField> _byName = new(StringComparer.Ordinal);

    public AvroRecordSchema(AvroName name, IReadOnlyList<AvroName> aliases, string? doc, bool isError = false)
        : base(AvroType.Record, name, aliases, doc, null)
    {
        IsError = isError;
    }

    /// <summary>True when declared with <c>"type": "error"</c> (same encoding as a record).</summary>
    public bool IsError { get; }

    public IReadOnlyList<AvroField> Fields => _fields;

    /// <summary>The field named <paramref name="name"/> (ordinal), or null.</summary>
    public AvroField? GetField(string name) => _byName.GetValueOrDefault(name);

    internal void SetFields(IReadOnlyList<AvroField> fields)
    {
        var byName = new Dictionary<string, AvroField>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            byName[f.Name] = f;
        }

        _fields = fields;
        _byName = byName;
    }
}

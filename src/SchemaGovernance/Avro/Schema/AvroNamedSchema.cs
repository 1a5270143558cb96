namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A record, enum or fixed: a type with a full name, optional aliases and documentation.</summary>
internal abstract class AvroNamedSchema : AvroSchema
{
    protected AvroNamedSchema(AvroType type, AvroName name, IReadOnlyList<AvroName> aliases, string? doc, AvroLogicalType? logicalType)
        : base(type, logicalType)
    {
        FullName = name;
        Aliases = aliases;
        Doc = doc;
    }

    public AvroName FullName { get; }

    /// <summary>The unqualified name.</summary>
    public string Name => FullName.Name;

    /// <summary>The namespace, or null for the null namespace.</summary>
    public string? Namespace => FullName.Namespace;

    /// <summary>Alternative full names (resolved against this type's namespace).</summary>
    public IReadOnlyList<AvroName> Aliases { get; }

    public string? Doc { get; }

    public override string DisplayName => FullName.Full;
}

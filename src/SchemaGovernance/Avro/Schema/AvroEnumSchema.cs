namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>An enum type: ordered unique symbols and an optional default symbol used by schema resolution.</summary>
internal sealed class AvroEnumSchema : AvroNamedSchema
{
    private readonly Dictionary<string, int> _indexes;

    public AvroEnumSchema(AvroName name, IReadOnlyList<AvroName> aliases, string? doc, IReadOnlyList<string> symbols, string? defaultSymbol)
        : base(AvroType.Enum, name, aliases, doc, null)
    {
        Symbols = symbols;
        Default = defaultSymbol;
        _indexes = new Dictionary<string, int>(symbols.Count, StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            _indexes[symbols[i]] = i;
        }
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for writer symbols it does not know, or null.</summary>
    public string? Default { get; }

    /// <summary>Zero-based index of <paramref name="symbol"/>, or -1.</summary>
    public int IndexOf(string symbol) => _indexes.TryGetValue(symbol, out var i) ? i : -1;
}

namespace Etl.Parquet.Schema;

internal enum NodeKind
{
    Primitive,
    Struct,
    List,
    Map,
}

/// <summary>
/// A schema field compiled with the levels the shredder and the assembler need: the definition level the node
/// reaches when it is present, the levels of its repeated child for lists and maps, and its range of leaves
/// (leaves under a node are contiguous in depth-first order).
/// </summary>
internal sealed class SchemaNode
{
    public required ParquetField Field { get; init; }

    public required NodeKind Kind { get; init; }

    public required SchemaNode[] Children { get; init; }

    /// <summary>Definition level of the parent when the parent is present (what a null here records).</summary>
    public required int ParentDefinitionLevel { get; init; }

    /// <summary>Definition level when this node is present.</summary>
    public required int DefinitionLevel { get; init; }

    /// <summary>Repetition level of the node's own nearest repeated ancestor.</summary>
    public required int RepetitionLevel { get; init; }

    public required int FirstLeaf { get; init; }

    public required int LeafCount { get; init; }

    /// <summary>For lists and maps: the definition level of an entry (the repeated group is present).</summary>
    public int EntryDefinitionLevel => DefinitionLevel + 1;

    /// <summary>For lists and maps: the repetition level that marks a following entry of the same list.</summary>
    public int EntryRepetitionLevel => RepetitionLevel + 1;
}

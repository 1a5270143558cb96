using Etl.Parquet.Columns;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Reading;

/// <summary>
/// Rebuilds rows (object trees) from decoded leaf columns and their levels (Dremel record assembly). A node is null
/// when the first leaf under it has a definition level below the node's; a list continues while that leaf's next
/// repetition level equals the list's entry level.
/// </summary>
internal sealed class RowAssembler
{
    private readonly ParquetSchema _schema;
    private readonly IReadOnlyList<ColumnBuffer> _leaves;
    private readonly int[] _entry;
    private readonly int[] _value;
    private readonly string _what;

    public RowAssembler(ParquetSchema schema, IReadOnlyList<ColumnBuffer> leaves, string what)
    {
        _schema = schema;
        _leaves = leaves;
        _entry = new int[leaves.Count];
        _value = new int[leaves.Count];
        _what = what;
    }

    public List<object?[]> ReadRows(long rowCount)
    {
        var rows = new List<object?[]>((int)Math.Min(rowCount, 1 << 20));
        var nodes = _schema.Nodes;
        for (long r = 0; r < rowCount; r++)
        {
            var row = new object?[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
            {
                if (Exhausted(nodes[i].FirstLeaf) || Repetition(nodes[i].FirstLeaf) != 0)
                {
                    throw new ParquetFormatException($"Corrupt {_what}: column '{_leaves[nodes[i].FirstLeaf].Column.DottedPath}' has fewer rows than the row group announces.");
                }

                row[i] = Read(nodes[i]);
            }

            rows.Add(row);
        }

        for (var leaf = 0; leaf < _leaves.Count; leaf++)
        {
            if (!Exhausted(leaf))
            {
                throw new ParquetFormatException($"Corrupt {_what}: column '{_leaves[leaf].Column.DottedPath}' has more values than the row group's rows.");
            }
        }

        return rows;
    }

    private object? Read(SchemaNode node)
    {
        var leaf = node.FirstLeaf;
        var definition = Definition(leaf);
        if (definition < node.DefinitionLevel)
        {
            if (!node.Field.IsNullable || definition < node.ParentDefinitionLevel)
            {
                throw new ParquetFormatException($"Corrupt {_what}: inconsistent definition levels in column '{_leaves[leaf].Column.DottedPath}'.");
            }

            SkipAll(node);
            return null;
        }

        switch (node.Kind)
        {
            case NodeKind.Primitive:
                {
                    var buffer = _leaves[leaf];
                    if (definition != buffer.MaxDefinitionLevel || _value[leaf] >= buffer.ValueCount)
                    {
                        throw new ParquetFormatException($"Corrupt {_what}: inconsistent levels in column '{buffer.Column.DottedPath}'.");
                    }

                    _entry[leaf]++;
                    try
                    {
                        return ValueMaterializer.Get(buffer, _value[leaf]++);
                    }
                    catch (OverflowException ex)
                    {
                        throw new ParquetFormatException($"Value out of range in column '{buffer.Column.DottedPath}': {ex.Message}", ex);
                    }
                }

            case NodeKind.Struct:
                {
                    var values = new object?[node.Children.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = Read(node.Children[i]);
                    }

                    return values;
                }

            case NodeKind.List:
                {
                    var items = new List<object?>();
                    if (definition < node.EntryDefinitionLevel)
                    {
                        SkipAll(node);
                        return items;
                    }

                    do
                    {
                        items.Add(Read(node.Children[0]));
                    }
                    while (Continues(node));

                    return items;
                }

            default:
                {
                    var entries = new List<KeyValuePair<object, object?>>();
                    if (definition < node.EntryDefinitionLevel)
                    {
                        SkipAll(node);
                        return entries;
                    }

                    do
                    {
                        var key = Read(node.Children[0]) ?? throw new ParquetFormatException($"Corrupt {_what}: null map key in '{node.Field.Name}'.");
                        entries.Add(new(key, Read(node.Children[1])));
                    }
                    while (Continues(node));

                    return entries;
                }
        }
    }

    private bool Continues(SchemaNode node) => !Exhausted(node.FirstLeaf) && Repetition(node.FirstLeaf) == node.EntryRepetitionLevel;

    private void SkipAll(SchemaNode node)
    {
        for (var leaf = node.FirstLeaf; leaf < node.FirstLeaf + node.LeafCount; leaf++)
        {
            if (Exhausted(leaf))
            {
                throw new ParquetFormatException($"Corrupt {_what}: column '{_leaves[leaf].Column.DottedPath}' ends early.");
            }

            _entry[leaf]++;
        }
    }

    private bool Exhausted(int leaf) => _entry[leaf] >= _leaves[leaf].EntryCount;

    private int Definition(int leaf)
    {
        if (Exhausted(leaf))
        {
            throw new ParquetFormatException($"Corrupt {_what}: column '{_leaves[leaf].Column.DottedPath}' ends early.");
        }

        var buffer = _leaves[leaf];
        return buffer.HasLevels ? buffer.DefinitionLevels[_entry[leaf]] : buffer.MaxDefinitionLevel;
    }

    private int Repetition(int leaf)
    {
        var buffer = _leaves[leaf];
        return buffer.MaxRepetitionLevel > 0 ? buffer.RepetitionLevels[_entry[leaf]] : 0;
    }
}

using System.Collections;
using Etl.Parquet.Columns;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Shredding;

/// <summary>
/// Turns rows given as object trees into leaf values with definition and repetition levels (Dremel shredding).
/// Representation: struct = <c>object?[]</c> (any <c>IReadOnlyList&lt;object?&gt;</c>) with one slot per field;
/// list = <c>IReadOnlyList&lt;object?&gt;</c>; map = <c>IReadOnlyList&lt;KeyValuePair&lt;object, object?&gt;&gt;</c>;
/// decimal = <see cref="decimal"/>, date = <see cref="DateOnly"/>, timestamp = <see cref="DateTimeOffset"/>,
/// string, byte[], bool, int, long, float, double, null.
/// </summary>
public sealed class RowShredder
{
    private readonly ParquetSchema _schema;
    private readonly IReadOnlyList<ColumnBuffer> _buffers;

    public RowShredder(ParquetSchema schema, IReadOnlyList<ColumnBuffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(buffers);
        if (buffers.Count != schema.Columns.Count)
        {
            throw new ArgumentException($"Expected {schema.Columns.Count} buffers, got {buffers.Count}.", nameof(buffers));
        }

        _schema = schema;
        _buffers = buffers;
    }

    /// <summary>Appends one row: one value per top-level field.</summary>
    public void AppendRow(IReadOnlyList<object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var nodes = _schema.Nodes;
        if (row.Count != nodes.Count)
        {
            throw new ArgumentException($"The row has {row.Count} values; the schema has {nodes.Count} fields.", nameof(row));
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            Write(nodes[i], row[i], 0);
        }
    }

    private void Write(SchemaNode node, object? value, int repetition)
    {
        if (value is null)
        {
            if (!node.Field.IsNullable)
            {
                throw new ArgumentException($"Field '{node.Field.Name}' is required but the value is null.");
            }

            AppendAbsent(node, repetition, node.ParentDefinitionLevel);
            return;
        }

        switch (node.Kind)
        {
            case NodeKind.Primitive:
                _buffers[node.FirstLeaf].AppendObject(value, repetition);
                break;
            case NodeKind.Struct:
                {
                    var fields = value as IReadOnlyList<object?> ?? throw Expected(node, value, "object?[]");
                    if (fields.Count != node.Children.Length)
                    {
                        throw new ArgumentException($"Struct '{node.Field.Name}' has {node.Children.Length} fields; the value has {fields.Count}.");
                    }

                    for (var i = 0; i < node.Children.Length; i++)
                    {
                        Write(node.Children[i], fields[i], repetition);
                    }

                    break;
                }

            case NodeKind.List:
                {
                    var count = value switch
                    {
                        IReadOnlyList<object?> list => list.Count,
                        IList list => list.Count,
                        _ => throw Expected(node, value, "IReadOnlyList<object?>"),
                    };
                    if (count == 0)
                    {
                        AppendAbsent(node, repetition, node.DefinitionLevel);
                        break;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        var item = value is IReadOnlyList<object?> typed ? typed[i] : ((IList)value)[i];
                        Write(node.Children[0], item, i == 0 ? repetition : node.EntryRepetitionLevel);
                    }

                    break;
                }

            case NodeKind.Map:
                {
                    var entries = value as IReadOnlyList<KeyValuePair<object, object?>> ?? throw Expected(node, value, "IReadOnlyList<KeyValuePair<object, object?>>");
                    if (entries.Count == 0)
                    {
                        AppendAbsent(node, repetition, node.DefinitionLevel);
                        break;
                    }

                    for (var i = 0; i < entries.Count; i++)
                    {
                        var r = i == 0 ? repetition : node.EntryRepetitionLevel;
                        Write(node.Children[0], entries[i].Key, r);
                        Write(node.Children[1], entries[i].Value, r);
                    }

                    break;
                }
        }
    }

    private void AppendAbsent(SchemaNode node, int repetition, int definition)
    {
        for (var leaf = node.FirstLeaf; leaf < node.FirstLeaf + node.LeafCount; leaf++)
        {
            _buffers[leaf].AppendNull(repetition, definition);
        }
    }

    private static ArgumentException Expected(SchemaNode node, object value, string expected) =>
        new($"Field '{node.Field.Name}' expects {expected}, got {value.GetType().Name}.");
}

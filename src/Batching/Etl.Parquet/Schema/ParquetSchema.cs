using Etl.Parquet.Metadata;

namespace Etl.Parquet.Schema;

/// <summary>
/// A Parquet schema: the top-level fields of a row and the leaf columns derived from them (with their definition and
/// repetition levels).
/// </summary>
public sealed class ParquetSchema
{
    private readonly Dictionary<string, ParquetColumn> _byPath;

    public ParquetSchema(params ParquetField[] fields)
        : this((IReadOnlyList<ParquetField>)fields)
    {
    }

    public ParquetSchema(IReadOnlyList<ParquetField> fields)
        : this(fields, WriterPhysical)
    {
    }

    internal ParquetSchema(IReadOnlyList<ParquetField> fields, Func<PrimitiveField, IReadOnlyList<string>, (PhysicalType Type, int Length)> physical)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException("A schema needs at least one field.", nameof(fields));
        }

        var root = new StructField("schema", fields, isNullable: false);
        Fields = root.Fields;
        var columns = new List<ParquetColumn>();
        var nodes = new SchemaNode[Fields.Count];
        for (var i = 0; i < Fields.Count; i++)
        {
            nodes[i] = Compile(Fields[i], [], 0, 0, columns, physical);
        }

        Nodes = nodes;
        Columns = columns;
        _byPath = new Dictionary<string, ParquetColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            _byPath[column.DottedPath] = column;
        }
    }

    public IReadOnlyList<ParquetField> Fields { get; }

    /// <summary>Leaf columns in depth-first order (the order of column chunks in a row group).</summary>
    public IReadOnlyList<ParquetColumn> Columns { get; }

    internal IReadOnlyList<SchemaNode> Nodes { get; }

    /// <summary>Finds a leaf by its dotted path ("id", "address.city", "tags.list.element", "attrs.key_value.key").</summary>
    public ParquetColumn Column(string dottedPath) =>
        _byPath.TryGetValue(dottedPath, out var column)
            ? column
            : throw new KeyNotFoundException($"The schema has no leaf column '{dottedPath}'. Leaves: {string.Join(", ", _byPath.Keys)}.");

    public override string ToString() => string.Join(", ", Columns);

    private static SchemaNode Compile(
        ParquetField field,
        IReadOnlyList<string> parentPath,
        int parentDefinition,
        int repetition,
        List<ParquetColumn> columns,
        Func<PrimitiveField, IReadOnlyList<string>, (PhysicalType Type, int Length)> physical)
    {
        var path = new List<string>(parentPath) { field.Name };
        var definition = parentDefinition + (field.IsNullable ? 1 : 0);
        var firstLeaf = columns.Count;
        SchemaNode[] children;
        NodeKind kind;
        switch (field)
        {
            case PrimitiveField primitive:
                kind = NodeKind.Primitive;
                children = [];
                var (type, length) = physical(primitive, path);
                columns.Add(new ParquetColumn(columns.Count, path, primitive, definition, repetition, type, length));
                break;
            case StructField group:
                kind = NodeKind.Struct;
                children = [.. group.Fields.Select(f => Compile(f, path, definition, repetition, columns, physical))];
                break;
            case ListField list:
                kind = NodeKind.List;
                {
                    var listPath = new List<string>(path) { "list" };
                    var element = Rename(list.Element, "element");
                    children = [Compile(element, listPath, definition + 1, repetition + 1, columns, physical)];
                }

                break;
            case MapField map:
                kind = NodeKind.Map;
                {
                    var entryPath = new List<string>(path) { "key_value" };
                    children =
                    [
                        Compile(map.Key.Renamed("key"), entryPath, definition + 1, repetition + 1, columns, physical),
                        Compile(Rename(map.Value, "value"), entryPath, definition + 1, repetition + 1, columns, physical),
                    ];
                }

                break;
            default:
                throw new ArgumentException($"Unknown field kind {field.GetType().Name}.", nameof(field));
        }

        return new SchemaNode
        {
            Field = field,
            Kind = kind,
            Children = children,
            ParentDefinitionLevel = parentDefinition,
            DefinitionLevel = definition,
            RepetitionLevel = repetition,
            FirstLeaf = firstLeaf,
            LeafCount = columns.Count - firstLeaf,
        };
    }

    /// <summary>The element of a list or the value of a map carries a fixed name in the file.</summary>
    internal static ParquetField Rename(ParquetField field, string name) => field.Name == name ? field : field switch
    {
        PrimitiveField p => p.Renamed(name),
        StructField s => new StructField(name, s.Fields, s.IsNullable),
        ListField l => new ListField(name, l.Element, l.IsNullable),
        MapField m => new MapField(name, m.Key, m.Value, m.IsNullable),
        _ => throw new ArgumentException($"Unknown field kind {field.GetType().Name}.", nameof(field)),
    };

    private static (PhysicalType, int) WriterPhysical(PrimitiveField field, IReadOnlyList<string> path) => field.Type switch
    {
        ParquetColumnType.Boolean => (PhysicalType.Boolean, 0),
        ParquetColumnType.Int32 or ParquetColumnType.Date => (PhysicalType.Int32, 0),
        ParquetColumnType.Int64 or ParquetColumnType.Timestamp => (PhysicalType.Int64, 0),
        ParquetColumnType.Float => (PhysicalType.Float, 0),
        ParquetColumnType.Double => (PhysicalType.Double, 0),
        ParquetColumnType.String or ParquetColumnType.Binary => (PhysicalType.ByteArray, 0),
        ParquetColumnType.Decimal when field.DecimalEncoding == DecimalEncoding.ByPrecision && field.Precision <= 9 => (PhysicalType.Int32, 0),
        ParquetColumnType.Decimal when field.DecimalEncoding == DecimalEncoding.ByPrecision && field.Precision <= 18 => (PhysicalType.Int64, 0),
        ParquetColumnType.Decimal => (PhysicalType.FixedLenByteArray, DecimalMath.BytesForPrecision(field.Precision)),
        _ => throw new ArgumentException($"Column '{string.Join('.', path)}' has unknown type {field.Type}."),
    };
}

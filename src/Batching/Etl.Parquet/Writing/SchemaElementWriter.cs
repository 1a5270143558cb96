using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Writing;

/// <summary>Flattens a schema into footer SchemaElements: LogicalType and ConvertedType both written where they apply.</summary>
internal static class SchemaElementWriter
{
    public static void Flatten(ParquetSchema schema, List<SchemaElement> output)
    {
        output.Add(new SchemaElement { Name = "schema", NumChildren = schema.Nodes.Count });
        var leaf = 0;
        foreach (var node in schema.Nodes)
        {
            Add(node, schema, ref leaf, output);
        }
    }

    private static void Add(SchemaNode node, ParquetSchema schema, ref int leaf, List<SchemaElement> output)
    {
        var repetition = node.Field.IsNullable ? Repetition.Optional : Repetition.Required;
        switch (node.Kind)
        {
            case NodeKind.Primitive:
                output.Add(Leaf(schema.Columns[leaf++], repetition));
                break;
            case NodeKind.Struct:
                output.Add(new SchemaElement { Name = node.Field.Name, Repetition = repetition, NumChildren = node.Children.Length });
                foreach (var child in node.Children)
                {
                    Add(child, schema, ref leaf, output);
                }

                break;
            case NodeKind.List:
                output.Add(new SchemaElement
                {
                    Name = node.Field.Name,
                    Repetition = repetition,
                    NumChildren = 1,
                    ConvertedType = ConvertedType.List,
                    LogicalType = new LogicalTypeInfo { Kind = LogicalKind.List },
                });
                output.Add(new SchemaElement { Name = "list", Repetition = Repetition.Repeated, NumChildren = 1 });
                Add(node.Children[0], schema, ref leaf, output);
                break;
            case NodeKind.Map:
                output.Add(new SchemaElement
                {
                    Name = node.Field.Name,
                    Repetition = repetition,
                    NumChildren = 1,
                    ConvertedType = ConvertedType.Map,
                    LogicalType = new LogicalTypeInfo { Kind = LogicalKind.Map },
                });
                output.Add(new SchemaElement { Name = "key_value", Repetition = Repetition.Repeated, NumChildren = 2 });
                Add(node.Children[0], schema, ref leaf, output);
                Add(node.Children[1], schema, ref leaf, output);
                break;
        }
    }

    private static SchemaElement Leaf(ParquetColumn column, Repetition repetition)
    {
        var field = column.Field;
        var element = new SchemaElement
        {
            Name = field.Name,
            Repetition = repetition,
            Type = column.PhysicalType,
            TypeLength = column.PhysicalType == PhysicalType.FixedLenByteArray ? column.TypeLength : null,
        };
        switch (field.Type)
        {
            case ParquetColumnType.String:
                element.ConvertedType = ConvertedType.Utf8;
                element.LogicalType = new LogicalTypeInfo { Kind = LogicalKind.String };
                break;
            case ParquetColumnType.Date:
                element.ConvertedType = ConvertedType.Date;
                element.LogicalType = new LogicalTypeInfo { Kind = LogicalKind.Date };
                break;
            case ParquetColumnType.Timestamp:
                var micros = field.TimestampUnit == TimestampUnit.Micros;
                element.ConvertedType = micros ? ConvertedType.TimestampMicros : ConvertedType.TimestampMillis;
                element.LogicalType = new LogicalTypeInfo { Kind = LogicalKind.Timestamp, IsAdjustedToUtc = true, TimeUnit = micros ? 2 : 1 };
                break;
            case ParquetColumnType.Decimal:
                element.ConvertedType = ConvertedType.Decimal;
                element.Scale = field.Scale;
                element.Precision = field.Precision;
                element.LogicalType = new LogicalTypeInfo { Kind = LogicalKind.Decimal, Scale = field.Scale, Precision = field.Precision };
                break;
            default:
                break;
        }

        return element;
    }
}

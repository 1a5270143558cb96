using Etl.Core.Columns;
using Etl.Core.Records;
using Etl.Parquet;
using Etl.Parquet.Schema;
using Etl.Parquet.Writing;

namespace Etl.Batching.Formats;

/// <summary>
/// Writes buffers as Parquet with <see cref="ParquetWriter"/>: the column model maps one-to-one onto Parquet fields
/// (timestamps INT64 TIMESTAMP(UTC) in the configured unit, decimals by precision), rows are shredded into column
/// buffers, and the lineage goes into the footer's key-value metadata.
/// </summary>
public sealed class ParquetDataFileWriter(ParquetCompression compression, TimestampUnit timestampUnit = TimestampUnit.Millis) : IDataFileWriter
{
    private readonly Dictionary<TableSchema, ParquetSchema> _schemas = [];

    public string Extension => ".parquet";

    public void Write(Stream output, TableSchema schema, IReadOnlyList<DecodedRecord> rows, IReadOnlyDictionary<string, string> metadata)
    {
        var options = new ParquetWriterOptions
        {
            Compression = compression,
            KeyValueMetadata = [.. metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)],
        };
        using var writer = new ParquetWriter(output, SchemaOf(schema), options);
        foreach (var row in rows)
        {
            writer.AppendRow(row.Values);
        }

        writer.Complete();
    }

    /// <summary>The Parquet schema of a table schema (cached: schemas repeat for every file of a version).</summary>
    public ParquetSchema SchemaOf(TableSchema schema)
    {
        lock (_schemas)
        {
            if (!_schemas.TryGetValue(schema, out var parquet))
            {
                parquet = new ParquetSchema([.. schema.Columns.Select(Field)]);
                _schemas[schema] = parquet;
            }

            return parquet;
        }
    }

    private ParquetField Field(ColumnField field) => Field(field.Name, field.Type, field.Nullable);

    private ParquetField Field(string name, ColumnType type, bool nullable) => type.Kind switch
    {
        ColumnKind.Boolean => new PrimitiveField(name, ParquetColumnType.Boolean, nullable),
        ColumnKind.Int32 => new PrimitiveField(name, ParquetColumnType.Int32, nullable),
        ColumnKind.Int64 => new PrimitiveField(name, ParquetColumnType.Int64, nullable),
        ColumnKind.Float => new PrimitiveField(name, ParquetColumnType.Float, nullable),
        ColumnKind.Double => new PrimitiveField(name, ParquetColumnType.Double, nullable),
        ColumnKind.Decimal => new PrimitiveField(name, ParquetColumnType.Decimal, nullable, type.Precision, type.Scale),
        ColumnKind.String => new PrimitiveField(name, ParquetColumnType.String, nullable),
        ColumnKind.Binary => new PrimitiveField(name, ParquetColumnType.Binary, nullable),
        ColumnKind.Date => new PrimitiveField(name, ParquetColumnType.Date, nullable),
        ColumnKind.Timestamp => new PrimitiveField(name, ParquetColumnType.Timestamp, nullable, timestampUnit: timestampUnit),
        ColumnKind.Struct => new StructField(name, [.. type.Fields.Select(Field)], nullable),
        ColumnKind.List => new ListField(name, Field("element", type.Element!.Type, type.Element.Nullable), nullable),
        ColumnKind.Map => new MapField(name, (PrimitiveField)Field("key", type.Key!, false), Field("value", type.Value!.Type, type.Value.Nullable), nullable),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "unknown column kind"),
    };
}

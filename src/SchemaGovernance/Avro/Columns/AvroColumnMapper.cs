using System.Globalization;
using Etl.Core.Columns;
using Etl.SchemaGovernance.Avro.Logical;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Columns;

/// <summary>
/// Maps Avro schemas onto the column model (docs/avro.md has the full table). Names are lowercased for Athena; two
/// fields of one record that lowercase to the same name are an error, as are recursive types, decimals wider than
/// <see cref="decimal"/> holds (precision &gt; 28) and the lone <c>null</c> type.
/// </summary>
internal static class AvroColumnMapper
{
    /// <summary>The table for a top-level record: one column per field, in field order.</summary>
    public static TableSchema MapTable(AvroSchema schema)
    {
        if (schema is not AvroRecordSchema record)
        {
            throw new AvroMappingException($"the top-level schema must be a record to become a table, not {schema.DisplayName}", string.Empty);
        }

        var inProgress = new HashSet<AvroSchema>(ReferenceEqualityComparer.Instance) { record };
        return new TableSchema(MapFields(record, string.Empty, inProgress));
    }

    /// <summary>The column type of any schema and whether its values may be null.</summary>
    public static (ColumnType Type, bool Nullable) MapType(AvroSchema schema) =>
        Map(schema, string.Empty, new HashSet<AvroSchema>(ReferenceEqualityComparer.Instance));

    /// <summary>The Athena column name of an Avro field: the name in lowercase (invariant).</summary>
    public static string ColumnName(string avroName) => avroName.ToLowerInvariant();

    private static List<ColumnField> MapFields(AvroRecordSchema record, string path, HashSet<AvroSchema> inProgress)
    {
        var fields = new List<ColumnField>(record.Fields.Count);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in record.Fields)
        {
            var fieldPath = path + "/fields/" + field.Position.ToString(CultureInfo.InvariantCulture);
            var name = ColumnName(field.Name);
            if (!names.TryAdd(name, field.Name))
            {
                throw new AvroMappingException(
                    $"fields '{names[name]}' and '{field.Name}' of record {record.FullName} both become column '{name}' once lowercased",
                    fieldPath + "/name");
            }

            var (type, nullable) = Map(field.Schema, fieldPath + "/type", inProgress);
            fields.Add(new ColumnField(name, type, nullable));
        }

        return fields;
    }

    private static (ColumnType, bool) Map(AvroSchema schema, string path, HashSet<AvroSchema> inProgress)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                throw new AvroMappingException("the null type alone has no column type", path);
            case AvroType.Boolean:
                return (ColumnType.Boolean, false);
            case AvroType.Int:
                return (schema.LogicalType?.Kind == AvroLogicalKind.Date ? ColumnType.Date : ColumnType.Int32, false);
            case AvroType.Long:
                return (schema.LogicalType?.Kind switch
                {
                    AvroLogicalKind.TimestampMillis or AvroLogicalKind.TimestampMicros
                        or AvroLogicalKind.LocalTimestampMillis or AvroLogicalKind.LocalTimestampMicros => ColumnType.Timestamp,
                    _ => ColumnType.Int64,
                }, false);
            case AvroType.Float:
                return (ColumnType.Float, false);
            case AvroType.Double:
                return (ColumnType.Double, false);
            case AvroType.String:
            case AvroType.Enum:
                return (ColumnType.String, false);
            case AvroType.Bytes:
            case AvroType.Fixed:
                return (schema.LogicalType switch
                {
                    { Kind: AvroLogicalKind.Decimal } d => Decimal(d, path),
                    { Kind: AvroLogicalKind.Uuid } => ColumnType.String,
                    _ => ColumnType.Binary,
                }, false);
            case AvroType.Record:
                var record = (AvroRecordSchema)schema;
                if (!inProgress.Add(record))
                {
                    throw new AvroMappingException($"record {record.FullName} contains itself; recursive types have no column type", path);
                }

                var fields = MapFields(record, path, inProgress);
                inProgress.Remove(record);
                return (ColumnType.StructOf(fields), false);
            case AvroType.Array:
                var (element, elementNullable) = Map(((AvroArraySchema)schema).Items, path + "/items", inProgress);
                return (ColumnType.ListOf(element, elementNullable), false);
            case AvroType.Map:
                var (value, valueNullable) = Map(((AvroMapSchema)schema).Values, path + "/values", inProgress);
                return (ColumnType.MapOf(ColumnType.String, value, valueNullable), false);
            case AvroType.Union:
                return MapUnion((AvroUnionSchema)schema, path, inProgress);
            default:
                throw new AvroMappingException($"unknown schema type {schema.Type}", path);
        }
    }

    private static (ColumnType, bool) MapUnion(AvroUnionSchema union, string path, HashSet<AvroSchema> inProgress)
    {
        var nullable = union.NullIndex >= 0;
        if (union.NonNullBranchCount == 0)
        {
            throw new AvroMappingException("a union without non-null branches has no column type", path);
        }

        if (union.NonNullBranchCount == 1)
        {
            for (var i = 0; i < union.Branches.Count; i++)
            {
                if (union.Branches[i].Type != AvroType.Null)
                {
                    var (type, innerNullable) = Map(union.Branches[i], path + "/" + i.ToString(CultureInfo.InvariantCulture), inProgress);
                    return (type, nullable || innerNullable);
                }
            }
        }

        var members = new List<ColumnField>(union.NonNullBranchCount);
        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (union.Branches[i].Type == AvroType.Null)
            {
                continue;
            }

            var (type, _) = Map(union.Branches[i], path + "/" + i.ToString(CultureInfo.InvariantCulture), inProgress);
            members.Add(new ColumnField("member" + members.Count.ToString(CultureInfo.InvariantCulture), type, Nullable: true));
        }

        return (ColumnType.StructOf(members), nullable);
    }

    private static ColumnType Decimal(AvroLogicalType logical, string path)
    {
        if (logical.Precision > AvroDecimal.MaxClrPrecision)
        {
            throw new AvroMappingException(
                $"decimal({logical.Precision},{logical.Scale}) is wider than the {AvroDecimal.MaxClrPrecision} digits a column decimal holds here",
                path);
        }

        return ColumnType.DecimalOf(logical.Precision, logical.Scale);
    }
}

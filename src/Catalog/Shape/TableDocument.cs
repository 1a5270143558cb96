using System.Text.Json.Nodes;
using Etl.Core.Columns;
using Etl.Core.Contracts;

namespace Etl.Catalog.Shape;

/// <summary>
/// Builds and reads Glue-shaped table and partition documents (the <c>TableInput</c>, <c>Table</c>,
/// <c>PartitionInput</c> and <c>StorageDescriptor</c> shapes of the Glue API), shared by the folder catalog and the
/// Glue catalog so both keep the same table definition.
/// </summary>
public static class TableDocument
{
    /// <summary>Parameters every table carries besides the caller's.</summary>
    public static IReadOnlyDictionary<string, string> FixedParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["classification"] = "parquet",
        ["EXTERNAL"] = "TRUE",
    };

    /// <summary>A Glue <c>TableInput</c> for a Parquet external table.</summary>
    public static JsonObject BuildTableInput(
        string name,
        TableSchema columns,
        IReadOnlyList<string> partitionKeys,
        string location,
        IReadOnlyDictionary<string, string> parameters,
        JsonObject? schemaReference = null)
    {
        var keys = new JsonArray();
        foreach (var key in partitionKeys)
        {
            keys.Add(new JsonObject { ["Name"] = key, ["Type"] = "string" });
        }

        var sd = BuildStorageDescriptor(columns, location);
        if (schemaReference is not null)
        {
            sd["SchemaReference"] = schemaReference;
        }

        return new JsonObject
        {
            ["Name"] = name,
            ["TableType"] = ParquetSerDe.TableType,
            ["Parameters"] = ToJson(parameters),
            ["StorageDescriptor"] = sd,
            ["PartitionKeys"] = keys,
        };
    }

    /// <summary>A Glue <c>StorageDescriptor</c>: columns with Hive types, location, Parquet formats and SerDe.</summary>
    public static JsonObject BuildStorageDescriptor(TableSchema columns, string location)
    {
        var cols = new JsonArray();
        foreach (var column in columns.Columns)
        {
            cols.Add(new JsonObject { ["Name"] = column.Name, ["Type"] = column.Type.ToHiveType() });
        }

        return new JsonObject
        {
            ["Columns"] = cols,
            ["Location"] = location,
            ["InputFormat"] = ParquetSerDe.InputFormat,
            ["OutputFormat"] = ParquetSerDe.OutputFormat,
            ["SerdeInfo"] = new JsonObject { ["SerializationLibrary"] = ParquetSerDe.SerializationLibrary },
        };
    }

    /// <summary>A Glue <c>PartitionInput</c> whose storage descriptor carries the given (current) table columns.</summary>
    public static JsonObject BuildPartitionInput(PartitionDefinition partition, TableSchema columns)
    {
        var values = new JsonArray();
        foreach (var v in partition.Values)
        {
            values.Add(v);
        }

        return new JsonObject
        {
            ["Values"] = values,
            ["StorageDescriptor"] = BuildStorageDescriptor(columns, partition.Location),
            ["Parameters"] = ToJson(partition.Parameters),
        };
    }

    /// <summary>Reads a Glue <c>Table</c> (or <c>TableInput</c>) document.</summary>
    /// <exception cref="FormatException">A column type is not one the pipeline writes.</exception>
    public static TableDefinition ParseTable(string database, JsonObject table)
    {
        var sd = table["StorageDescriptor"] as JsonObject;
        var columns = new List<ColumnField>();
        if (sd?["Columns"] is JsonArray cols)
        {
            foreach (var c in cols)
            {
                var name = (string?)c?["Name"] ?? throw new FormatException("column without Name");
                var type = (string?)c?["Type"] ?? throw new FormatException($"column {name} without Type");
                columns.Add(new ColumnField(name, HiveTypeParser.Parse(type)));
            }
        }

        var keys = new List<string>();
        if (table["PartitionKeys"] is JsonArray pk)
        {
            foreach (var k in pk)
            {
                keys.Add((string?)k?["Name"] ?? throw new FormatException("partition key without Name"));
            }
        }

        return new TableDefinition(
            database,
            (string?)table["Name"] ?? throw new FormatException("table without Name"),
            new TableSchema(columns),
            keys,
            (string?)sd?["Location"] ?? string.Empty,
            ReadParameters(table["Parameters"] as JsonObject));
    }

    /// <summary>Reads a string map (<c>Parameters</c>) into an ordinal dictionary.</summary>
    public static Dictionary<string, string> ReadParameters(JsonObject? parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parameters is null)
        {
            return result;
        }

        foreach (var (key, value) in parameters)
        {
            if (value is not null)
            {
                result[key] = (string?)value ?? string.Empty;
            }
        }

        return result;
    }

    /// <summary>The table's parameters after applying a definition: existing ones, then the fixed ones, then the
    /// definition's, then any extra (such as projection settings).</summary>
    public static Dictionary<string, string> MergeParameters(
        IReadOnlyDictionary<string, string>? existing,
        IReadOnlyDictionary<string, string> definition,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Copy(existing, result);
        Copy(FixedParameters, result);
        Copy(definition, result);
        Copy(extra, result);
        return result;
    }

    /// <summary>True when two parameter maps hold the same entries.</summary>
    public static bool SameParameters(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when two locations name the same prefix (a trailing slash is not significant).</summary>
    public static bool SameLocation(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>True when the two schemas have the same names and Hive types, in the same order.</summary>
    public static bool SameColumns(TableSchema a, TableSchema b)
    {
        if (a.Columns.Length != b.Columns.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Columns.Length; i++)
        {
            if (!string.Equals(a.Columns[i].Name, b.Columns[i].Name, StringComparison.Ordinal)
                || !string.Equals(a.Columns[i].Type.ToHiveType(), b.Columns[i].Type.ToHiveType(), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static JsonObject ToJson(IReadOnlyDictionary<string, string>? parameters)
    {
        var obj = new JsonObject();
        if (parameters is null)
        {
            return obj;
        }

        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            obj[key] = value;
        }

        return obj;
    }

    private static void Copy(IReadOnlyDictionary<string, string>? from, Dictionary<string, string> to)
    {
        if (from is null)
        {
            return;
        }

        foreach (var (key, value) in from)
        {
            to[key] = value;
        }
    }
}

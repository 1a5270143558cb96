using System.Text.Json.Nodes;

namespace Etl.Catalog.Glue;

/// <summary>
/// Turns a Glue <c>Table</c> (GetTable output) into a <c>TableInput</c> for UpdateTable. UpdateTable replaces the whole
/// definition, so every writable member is carried over and read-only ones (DatabaseName, CreateTime, UpdateTime,
/// CreatedBy, IsRegisteredWithLakeFormation, CatalogId, VersionId, FederatedTable, IsMultiDialectView, Status) are
/// left out, as the TableInput shape of the Glue model requires.
/// </summary>
internal static class GlueTableInput
{
    // The TableInput members of the Glue model, less ViewDefinition (its output and input shapes differ; the
    // pipeline's tables are not views).
    private static readonly string[] Writable =
    [
        "Name", "Description", "Owner", "LastAccessTime", "LastAnalyzedTime", "Retention", "StorageDescriptor",
        "PartitionKeys", "ViewOriginalText", "ViewExpandedText", "TableType", "Parameters", "TargetTable",
    ];

    public static JsonObject FromTable(JsonObject table)
    {
        var input = new JsonObject();
        foreach (var name in Writable)
        {
            if (table[name] is { } value)
            {
                input[name] = value.DeepClone();
            }
        }

        return input;
    }
}

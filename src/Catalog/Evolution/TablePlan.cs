using Etl.Catalog.Shape;
using Etl.Core.Columns;
using Etl.Core.Contracts;

namespace Etl.Catalog.Evolution;

/// <summary>What a catalog must do to make an existing table (or none) accept a definition.</summary>
internal sealed record TablePlan(
    TablePlanAction Action,
    TableSchema Columns,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<ColumnChange> Changes)
{
    /// <summary>
    /// Plans the change. Throws <see cref="CatalogSchemaConflictException"/> when the table cannot accept the
    /// definition: incompatible columns, different partition keys or a different location.
    /// </summary>
    public static TablePlan For(
        TableDefinition? existing,
        TableDefinition incoming,
        IReadOnlyDictionary<string, string>? extraParameters = null)
    {
        if (existing is null)
        {
            return new TablePlan(
                TablePlanAction.Create,
                incoming.Columns,
                TableDocument.MergeParameters(null, incoming.Parameters, extraParameters),
                []);
        }

        var table = $"{incoming.Database}.{incoming.Name}";
        if (!existing.PartitionKeys.SequenceEqual(incoming.PartitionKeys, StringComparer.Ordinal))
        {
            throw new CatalogSchemaConflictException(
                $"table {table}: partition keys ({string.Join(", ", existing.PartitionKeys)}) cannot change to ({string.Join(", ", incoming.PartitionKeys)})");
        }

        if (!TableDocument.SameLocation(existing.Location, incoming.Location))
        {
            throw new CatalogSchemaConflictException(
                $"table {table}: location {existing.Location} cannot change to {incoming.Location}");
        }

        var evolution = TableEvolution.Evolve(existing.Columns, incoming.Columns);
        if (!evolution.IsCompatible)
        {
            throw new CatalogSchemaConflictException(
                $"table {table}: incompatible schema change: {string.Join("; ", evolution.Conflicts)}");
        }

        var parameters = TableDocument.MergeParameters(existing.Parameters, incoming.Parameters, extraParameters);
        var columns = evolution.Schema!;
        var unchanged = TableDocument.SameColumns(existing.Columns, columns)
            && TableDocument.SameParameters(existing.Parameters, parameters);
        return new TablePlan(unchanged ? TablePlanAction.None : TablePlanAction.Update, columns, parameters, evolution.Changes);
    }
}

internal enum TablePlanAction
{
    None,
    Create,
    Update,
}

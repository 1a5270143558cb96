using Etl.Core.Columns;

namespace Etl.Catalog.Evolution;

/// <summary>
/// The outcome of evolving a table's columns to accept an incoming schema: either the merged schema and the list of
/// changes (possibly empty), or the reasons it cannot be done.
/// </summary>
public sealed record EvolutionResult
{
    private EvolutionResult(TableSchema? schema, IReadOnlyList<ColumnChange> changes, IReadOnlyList<string> conflicts)
    {
        Schema = schema;
        Changes = changes;
        Conflicts = conflicts;
    }

    /// <summary>The merged schema; null when <see cref="Conflicts"/> is not empty.</summary>
    public TableSchema? Schema { get; }

    /// <summary>Changes from the existing schema to <see cref="Schema"/>, in column order.</summary>
    public IReadOnlyList<ColumnChange> Changes { get; }

    /// <summary>Why the incoming schema cannot evolve the table; empty when compatible.</summary>
    public IReadOnlyList<string> Conflicts { get; }

    public bool IsCompatible => Conflicts.Count == 0;

    public bool HasChanges => Changes.Count > 0;

    internal static EvolutionResult Compatible(TableSchema schema, IReadOnlyList<ColumnChange> changes) =>
        new(schema, changes, []);

    internal static EvolutionResult Conflict(IReadOnlyList<string> conflicts) => new(null, [], conflicts);
}

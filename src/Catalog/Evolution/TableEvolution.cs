using System.Collections.Immutable;
using Etl.Core.Columns;

namespace Etl.Catalog.Evolution;

/// <summary>
/// The rules by which a catalog table accepts a new schema without breaking readers of files already written
/// (Athena reads Parquet columns and struct fields by name, and coerces only a few types):
/// <list type="bullet">
/// <item>new top-level columns are appended after the existing ones;</item>
/// <item>columns missing from the incoming schema stay in the table (new files read them as NULL);</item>
/// <item>int widens to bigint and float to double; a narrower incoming type is accepted as is;</item>
/// <item>new struct fields are appended at the end of their struct (struct coercion is positional);</item>
/// <item>list elements and map values follow the same rules; map keys must not change;</item>
/// <item>anything else (a type family change, a decimal precision or scale change) is a conflict.</item>
/// </list>
/// Nullability is not part of a catalog type and is ignored. The function is pure: the admin API uses it for
/// dry runs.
/// </summary>
public static class TableEvolution
{
    public static EvolutionResult Evolve(TableSchema existing, TableSchema incoming)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        var changes = new List<ColumnChange>();
        var conflicts = new List<string>();
        var merged = ImmutableArray.CreateBuilder<ColumnField>(existing.Columns.Length + incoming.Columns.Length);
        var mergedColumns = MergeFields(existing.Columns, incoming.Columns, prefix: null, changes, conflicts);
        merged.AddRange(mergedColumns);
        return conflicts.Count > 0
            ? EvolutionResult.Conflict(conflicts)
            : EvolutionResult.Compatible(new TableSchema(merged.ToImmutable()), changes);
    }

    private static List<ColumnField> MergeFields(
        ImmutableArray<ColumnField> existing,
        ImmutableArray<ColumnField> incoming,
        string? prefix,
        List<ColumnChange> changes,
        List<string> conflicts)
    {
        var result = new List<ColumnField>(existing.Length + incoming.Length);
        foreach (var field in existing)
        {
            var match = Find(incoming, field.Name);
            if (match is null)
            {
                result.Add(field);
                continue;
            }

            var merged = MergeType(field.Type, match.Type, Join(prefix, field.Name), changes, conflicts);
            result.Add(merged is null ? field : field with { Type = merged });
        }

        foreach (var field in incoming)
        {
            if (Find(existing, field.Name) is not null)
            {
                continue;
            }

            if (Find(existing, field.Name, StringComparison.OrdinalIgnoreCase) is { } other)
            {
                conflicts.Add($"{Join(prefix, field.Name)}: differs from existing {Join(prefix, other.Name)} only by case (Athena folds names to lower case)");
                continue;
            }

            result.Add(field);
            changes.Add(new ColumnChange(
                Join(prefix, field.Name),
                prefix is null ? ColumnChangeKind.Added : ColumnChangeKind.StructFieldAdded,
                null,
                field.Type));
        }

        return result;
    }

    /// <summary>Returns the merged type, or null after recording a conflict.</summary>
    private static ColumnType? MergeType(ColumnType existing, ColumnType incoming, string path, List<ColumnChange> changes, List<string> conflicts)
    {
        if (existing.Kind == incoming.Kind)
        {
            switch (existing.Kind)
            {
                case ColumnKind.Struct:
                    var fields = MergeFields(existing.Fields, incoming.Fields, path, changes, conflicts);
                    return ColumnType.StructOf(fields);
                case ColumnKind.List:
                    var element = MergeType(existing.Element!.Type, incoming.Element!.Type, path + "[]", changes, conflicts);
                    return element is null ? null : ColumnType.ListOf(element, existing.Element.Nullable || incoming.Element.Nullable);
                case ColumnKind.Map:
                    if (!SameIgnoringNullability(existing.Key!, incoming.Key!))
                    {
                        conflicts.Add($"{path}: map key type {existing.Key!.ToHiveType()} cannot change to {incoming.Key!.ToHiveType()}");
                        return null;
                    }

                    var value = MergeType(existing.Value!.Type, incoming.Value!.Type, path + "{}", changes, conflicts);
                    return value is null ? null : ColumnType.MapOf(existing.Key!, value, existing.Value.Nullable || incoming.Value.Nullable);
                case ColumnKind.Decimal:
                    if (existing.Precision != incoming.Precision || existing.Scale != incoming.Scale)
                    {
                        conflicts.Add($"{path}: {existing.ToHiveType()} cannot change to {incoming.ToHiveType()} (decimal precision and scale are fixed)");
                        return null;
                    }

                    return existing;
                default:
                    return existing;
            }
        }

        if (IsWidening(existing.Kind, incoming.Kind))
        {
            changes.Add(new ColumnChange(path, ColumnChangeKind.Widened, existing, incoming));
            return incoming;
        }

        if (IsWidening(incoming.Kind, existing.Kind))
        {
            // The table already has the wider type; files with the narrower one are coerced on read.
            return existing;
        }

        conflicts.Add($"{path}: {existing.ToHiveType()} cannot change to {incoming.ToHiveType()} (only int→bigint and float→double widen; write a new column instead)");
        return null;
    }

    private static bool IsWidening(ColumnKind from, ColumnKind to) =>
        (from, to) is (ColumnKind.Int32, ColumnKind.Int64) or (ColumnKind.Float, ColumnKind.Double);

    private static bool SameIgnoringNullability(ColumnType a, ColumnType b) =>
        string.Equals(a.ToHiveType(), b.ToHiveType(), StringComparison.Ordinal);

    private static ColumnField? Find(ImmutableArray<ColumnField> fields, string name, StringComparison comparison = StringComparison.Ordinal)
    {
        foreach (var f in fields)
        {
            if (string.Equals(f.Name, name, comparison))
            {
                return f;
            }
        }

        return null;
    }

    private static string Join(string? prefix, string name) => prefix is null ? name : prefix + "." + name;
}

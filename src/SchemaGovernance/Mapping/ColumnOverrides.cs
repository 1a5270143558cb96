using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Etl.Core.Columns;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>One type override: a top-level column (lowercase, as mapped) and the type its values are converted to.</summary>
public sealed record ColumnOverride(string Column, ColumnType Target);

/// <summary>Why an override cannot apply to a schema: the column it names and the problem.</summary>
public sealed record ColumnOverrideProblem(string Column, string Message);

/// <summary>
/// Type overrides of top-level columns (a pipeline's <c>Mapping:Overrides</c>), applied to decoded rows by
/// <see cref="OverridingDecoder"/>. The supported conversions are listed on <see cref="CanConvert"/>; a plan for one
/// schema version is built once by <see cref="TryPlan"/>. Immutable and thread-safe.
/// </summary>
public sealed class ColumnOverrides
{
    /// <summary>The target types an override may name, for messages.</summary>
    public const string TargetTypes = "timestamp, date, decimal(p,s), int, bigint, double, string";

    private ColumnOverrides(ImmutableArray<ColumnOverride> entries) => Entries = entries;

    /// <summary>No overrides.</summary>
    public static ColumnOverrides None { get; } = new([]);

    /// <summary>The overrides, in the order given.</summary>
    public ImmutableArray<ColumnOverride> Entries { get; }

    public bool IsEmpty => Entries.IsEmpty;

    /// <summary>
    /// Parses column → target type text. Column names are lowercased like mapped columns.
    /// </summary>
    /// <exception cref="FormatException">A target is not one of <see cref="TargetTypes"/>, a column name is empty, or two
    /// names are equal after lowercasing; the message names the column.</exception>
    public static ColumnOverrides Parse(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var entries = ImmutableArray.CreateBuilder<ColumnOverride>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in overrides)
        {
            var column = (name ?? "").Trim().ToLowerInvariant();
            if (column.Length == 0)
            {
                throw new FormatException("an override needs a column name");
            }

            if (!seen.TryAdd(column, name!))
            {
                throw new FormatException($"overrides '{seen[column]}' and '{name}' both name column '{column}' (column names are lowercase)");
            }

            if (!TryParseTarget(text, out var target))
            {
                throw new FormatException($"column '{column}': '{text}' is not an override target type ({TargetTypes})");
            }

            entries.Add(new ColumnOverride(column, target));
        }

        return entries.Count == 0 ? None : new ColumnOverrides(entries.ToImmutable());
    }

    /// <summary>Parses a target type: <c>timestamp</c>, <c>date</c>, <c>decimal(p,s)</c>, <c>int</c>, <c>bigint</c>, <c>double</c> or <c>string</c> (any case, spaces allowed).</summary>
    public static bool TryParseTarget(string? text, [NotNullWhen(true)] out ColumnType? type)
    {
        type = null;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        type = t switch
        {
            "timestamp" => ColumnType.Timestamp,
            "date" => ColumnType.Date,
            "int" or "integer" => ColumnType.Int32,
            "bigint" => ColumnType.Int64,
            "double" => ColumnType.Double,
            "string" => ColumnType.String,
            _ => ParseDecimal(t),
        };
        return type is not null;
    }

    private static ColumnType? ParseDecimal(string t)
    {
        if (!t.StartsWith("decimal", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = t["decimal".Length..].Trim();
        if (rest.Length < 5 || rest[0] != '(' || rest[^1] != ')')
        {
            return null;
        }

        var parts = rest[1..^1].Split(',');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var scale)
            || precision is < 1 or > 38 || scale > precision)
        {
            return null;
        }

        return ColumnType.DecimalOf(precision, scale);
    }

    /// <summary>
    /// Whether values of <paramref name="from"/> convert to <paramref name="to"/>: string → timestamp (ISO-8601 /
    /// RFC 3339, to UTC), bigint → timestamp (epoch milliseconds), string → date (yyyy-MM-dd), bigint/double/string →
    /// decimal(p,s), bigint → int, int → bigint, float → double, any type → string; and a type to itself (no change).
    /// </summary>
    public static bool CanConvert(ColumnType from, ColumnType to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return from.Equals(to) || ValueConversion.For(from, to) is not null;
    }

    /// <summary>
    /// The plan that applies these overrides to rows of <paramref name="source"/>, or the problems that prevent it: a
    /// conversion that is not supported, and (with <paramref name="requireColumns"/>) a column the schema lacks.
    /// Without <paramref name="requireColumns"/>, overrides of absent columns are skipped (a later version may drop a column).
    /// </summary>
    public bool TryPlan(TableSchema source, bool requireColumns, [NotNullWhen(true)] out OverridePlan? plan, out IReadOnlyList<ColumnOverrideProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var found = new List<ColumnOverrideProblem>();
        var columns = source.Columns.ToBuilder();
        var steps = new List<OverrideStep>();
        foreach (var entry in Entries)
        {
            var index = source.IndexOf(entry.Column);
            if (index < 0)
            {
                if (requireColumns)
                {
                    found.Add(new ColumnOverrideProblem(entry.Column, $"the schema has no top-level column '{entry.Column}'"));
                }

                continue;
            }

            var from = source.Columns[index].Type;
            if (from.Equals(entry.Target))
            {
                continue;
            }

            if (ValueConversion.For(from, entry.Target) is not { } conversion)
            {
                found.Add(new ColumnOverrideProblem(
                    entry.Column,
                    $"column '{entry.Column}' is {from.ToHiveType()}; converting {from.ToHiveType()} to {entry.Target.ToHiveType()} is not supported"));
                continue;
            }

            columns[index] = source.Columns[index] with { Type = entry.Target };
            steps.Add(new OverrideStep(index, entry.Column, entry.Target, conversion));
        }

        problems = found;
        plan = found.Count == 0 ? new OverridePlan(this, source, steps.Count == 0 ? source : new TableSchema(columns.ToImmutable()), [.. steps]) : null;
        return plan is not null;
    }
}

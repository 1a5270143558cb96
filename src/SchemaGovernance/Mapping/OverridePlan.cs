using System.Text;
using Etl.Core.Columns;
using Etl.Core.Records;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>One column to convert: its index in the row, its name, the target type and the conversion.</summary>
internal sealed record OverrideStep(int Index, string Column, ColumnType Target, ValueConversion Conversion)
{
    /// <summary>The column as a JSONPath (<c>$.price</c>, or <c>$['unit price']</c>).</summary>
    public string FieldPath { get; } = PathOf(Column);

    private static string PathOf(string column)
    {
        var plain = column.Length > 0 && !char.IsAsciiDigit(column[0]);
        foreach (var c in column)
        {
            plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        return plain
            ? "$." + column
            : "$['" + column.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }
}

/// <summary>
/// The overrides as they apply to one schema version: the columns before and after, and the conversions to run on
/// each row (in place). Built once per version by <see cref="ColumnOverrides.TryPlan"/>; immutable and thread-safe.
/// </summary>
public sealed class OverridePlan
{
    private const int MaxValueChars = 64;
    private readonly OverrideStep[] _steps;

    internal OverridePlan(ColumnOverrides overrides, TableSchema source, TableSchema target, OverrideStep[] steps)
    {
        Overrides = overrides;
        Source = source;
        Target = target;
        _steps = steps;
    }

    /// <summary>The overrides this plan was built from.</summary>
    public ColumnOverrides Overrides { get; }

    /// <summary>The decoder's columns.</summary>
    public TableSchema Source { get; }

    /// <summary>The columns after the overrides: what the table, the catalog and the partitioner see.</summary>
    public TableSchema Target { get; }

    /// <summary>True when no column changes type (every override names an absent column or the column's own type).</summary>
    public bool IsIdentity => _steps.Length == 0;

    /// <summary>
    /// Converts the overridden columns of <paramref name="row"/> (aligned with <see cref="Source"/>) in place. Returns
    /// null on success, or the reason (kind <see cref="DeadLetterKind.IncompatibleWithTable"/>, the column's path,
    /// keyword <c>override</c>) for the first value that does not convert; the row is then partly converted and must
    /// be discarded.
    /// </summary>
    public DeadLetterReason? Apply(object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var step in _steps)
        {
            var value = row[step.Index];
            if (value is null)
            {
                continue;
            }

            if (!step.Conversion.TryConvert(value, out var converted, out var problem))
            {
                return new DeadLetterReason(
                    DeadLetterKind.IncompatibleWithTable,
                    $"column '{step.Column}': {problem}; cannot convert to {step.Target.ToHiveType()}",
                    step.FieldPath,
                    "override");
            }

            row[step.Index] = converted;
        }

        return null;
    }

    /// <summary>A value quoted for a message, cut to a readable length.</summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, MaxValueChars) + 5).Append('\'');
        if (value.Length <= MaxValueChars)
        {
            sb.Append(value);
        }
        else
        {
            sb.Append(value.AsSpan(0, MaxValueChars)).Append('…');
        }

        return sb.Append('\'').ToString();
    }
}

using Etl.Core.Columns;

namespace Etl.Catalog.Evolution;

/// <summary>What happened to one column (or struct field, by dotted path) when a table evolved.</summary>
public enum ColumnChangeKind
{
    /// <summary>A new top-level column, appended after the existing ones. Old files read it as NULL.</summary>
    Added,

    /// <summary>A type widened in place (int→bigint, float→double). Old files are read with the wider type.</summary>
    Widened,

    /// <summary>A new struct field, appended at the end of its struct. Old files read it as NULL.</summary>
    StructFieldAdded,
}

/// <summary>One change to a table's columns. <paramref name="Path"/> is dotted for struct fields (<c>a.b</c>);
/// list elements and map values appear as <c>a[]</c> and <c>a{}</c>.</summary>
public sealed record ColumnChange(string Path, ColumnChangeKind Kind, ColumnType? From, ColumnType To)
{
    /// <summary>A one-line description for logs and dry-run reports, e.g. <c>widened amount: int → bigint</c>.</summary>
    public string Describe() => Kind switch
    {
        ColumnChangeKind.Added => $"added column {Path} {To.ToHiveType()}",
        ColumnChangeKind.Widened => $"widened {Path}: {From?.ToHiveType()} → {To.ToHiveType()}",
        ColumnChangeKind.StructFieldAdded => $"added struct field {Path} {To.ToHiveType()}",
        _ => $"{Kind} {Path}",
    };

    /// <summary>How Athena reads files written before the change (for dry-run reports).</summary>
    public string AthenaImpact() => Kind switch
    {
        ColumnChangeKind.Added => $"files written before the change read {Path} as NULL",
        ColumnChangeKind.Widened => $"files written before the change hold {From?.ToHiveType()} values of {Path}, read as {To.ToHiveType()}",
        ColumnChangeKind.StructFieldAdded => $"files written before the change read {Path} as NULL",
        _ => string.Empty,
    };
}

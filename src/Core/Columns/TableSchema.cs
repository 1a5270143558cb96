using System.Collections.Immutable;

namespace Etl.Core.Columns;

/// <summary>The ordered top-level columns of a table (partition columns excluded).</summary>
public sealed record TableSchema(ImmutableArray<ColumnField> Columns)
{
    public TableSchema(IEnumerable<ColumnField> columns)
        : this([.. columns])
    {
    }

    /// <summary>Index of the column with this name (ordinal comparison), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Equals(TableSchema? other) => other is not null && Columns.SequenceEqual(other.Columns);

    public override int GetHashCode() => Columns.Length;
}

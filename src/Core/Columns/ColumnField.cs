namespace Etl.Core.Columns;

/// <summary>A named, typed column or struct field. Names are lowercase (Athena folds case).</summary>
public sealed record ColumnField(string Name, ColumnType Type, bool Nullable = true);

namespace Etl.SchemaGovernance.Mapping;

/// <summary>Where each declared property of an object schema goes: its field index and its value reader.</summary>
internal sealed class StructConversion(ColumnSlot?[] columns, int fieldCount)
{
    /// <summary>Indexed like <see cref="JsonSchema.ObjectChecks.Known"/>; null for names that have no field.</summary>
    public ColumnSlot?[] Columns { get; } = columns;

    public int FieldCount { get; } = fieldCount;
}

/// <summary>
/// A struct field (or top-level column) index and the reader that produces its value. When
/// <paramref name="ReaderValidatesStrings"/> is set, the property's schema checks nothing on a string beyond what the
/// reader itself enforces (a date or date-time format), so a string value is parsed once instead of twice.
/// </summary>
internal sealed record ColumnSlot(int Index, ValueReader Reader, bool ReaderValidatesStrings = false);

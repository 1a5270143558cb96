using System.Text.Json;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>
/// Converts one JSON value (already validated against its schema) into the column representation documented on
/// <see cref="Etl.Core.Columns.ColumnType"/>. The reader starts on the value's first token and ends on its last.
/// A value the column cannot hold (an integer beyond bigint, say) fails through <see cref="ValidationState"/>.
/// </summary>
internal abstract class ValueReader
{
    public abstract bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value);

    protected static bool ConversionFailed(ref ValidationState state, string message, out object? value)
    {
        value = null;
        if (state.Recording && state.Error is null)
        {
            state.Error = new ValidationError("type", message) { IsConversion = true };
        }

        return false;
    }
}

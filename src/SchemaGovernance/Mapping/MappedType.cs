using Etl.Core.Columns;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>The column type a schema maps to, whether it admits null, and how its values are read.</summary>
internal sealed record MappedType(ColumnType Type, bool Nullable, ValueReader Reader);

using Etl.Core.Columns;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>The table a root object schema maps to, and how each root property becomes a column value.</summary>
internal sealed record RootMapping(SchemaNode Root, TableSchema Schema, StructConversion Conversion);

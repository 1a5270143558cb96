using Etl.Core.Columns;

namespace Etl.Core.Records;

/// <summary>
/// A record that passed validation: its column values (aligned with <see cref="Schema"/>, in the representation
/// documented on <see cref="ColumnType"/>), the schema version it was validated against, and its event time if the
/// pipeline's partitioner takes one from the record.
/// </summary>
public sealed record DecodedRecord(
    SchemaVersionRef SchemaVersion,
    TableSchema Schema,
    object?[] Values,
    SourceRecord Source);

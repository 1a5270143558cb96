using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Columns;

/// <summary>
/// The pipeline decoder of one registered Avro schema version: a record's payload is one Avro binary datum (no
/// container or single-object header; a Glue Schema Registry frame is removed before) written with that version,
/// decoded straight into a row. Bad data is a <see cref="DeadLetterKind.MalformedAvro"/> failure with the byte offset.
/// Build once per version; thread-safe.
/// </summary>
internal sealed class AvroRecordDecoder : IRecordDecoder
{
    private readonly AvroRowDecoder _rows;

    private AvroRecordDecoder(AvroRowDecoder rows, SchemaVersionRef version)
    {
        _rows = rows;
        Version = version;
    }

    public SchemaVersionRef Version { get; }

    /// <summary>The columns of the decoded rows.</summary>
    public TableSchema Schema => _rows.Table;

    /// <summary>
    /// Parses and maps the schema; throws <see cref="AvroSchemaException"/> for an invalid schema and
    /// <see cref="AvroMappingException"/> for one without a table form (the root must be a record).
    /// </summary>
    public static AvroRecordDecoder Compile(string definition, SchemaVersionRef version) =>
        new(new AvroRowDecoder(AvroSchemaParser.Parse(definition)), version);

    public DecodeResult Decode(SourceRecord record)
    {
        try
        {
            return DecodeResult.Success(new DecodedRecord(Version, _rows.Table, _rows.Decode(record.Data.Span), record));
        }
        catch (AvroDecodeException e)
        {
            return DecodeResult.Failure(DeadLetterKind.MalformedAvro, e.Message);
        }
    }
}

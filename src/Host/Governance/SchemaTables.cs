using Etl.Core.Columns;
using Etl.Core.Records;
using Etl.SchemaGovernance.Avro.Columns;
using Etl.SchemaGovernance.Avro.Schema;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.Host.Governance;

/// <summary>The table columns a schema definition maps to (the same mapping the pipeline writes with).</summary>
public static class SchemaTables
{
    /// <summary>Maps a definition of the data format (AVRO or JSON); throws with the mapping problem if it has no table form.</summary>
    public static TableSchema Map(string dataFormat, string definition) =>
        dataFormat.ToUpperInvariant() switch
        {
            "JSON" => JsonRecordConverter.Compile(definition, new SchemaVersionRef("candidate", 1, Guid.Empty)).Schema,
            "AVRO" => AvroColumnMapper.MapTable(AvroSchemaParser.Parse(definition)),
            _ => throw new ArgumentException($"unknown data format '{dataFormat}' (expected AVRO or JSON)", nameof(dataFormat)),
        };
}

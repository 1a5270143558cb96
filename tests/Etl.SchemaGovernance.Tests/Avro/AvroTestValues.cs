using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Tests.Avro;

/// <summary>Builders for schemas and generic values used across the Avro tests.</summary>
internal static class AvroTestValues
{
    public static AvroSchema Parse(string json) => AvroSchemaParser.Parse(json);

    public static AvroRecordSchema Record(string json) => (AvroRecordSchema)AvroSchemaParser.Parse(json);

    public static AvroRecord RecordOf(AvroSchema schema, params object?[] values) => new((AvroRecordSchema)schema, values);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Encodes with the writer schema and decodes with the reader schema.</summary>
    public static object? RoundTrip(AvroSchema writer, AvroSchema reader, object? value) =>
        new AvroDatumReader(writer, reader).Read(AvroDatumWriter.Encode(writer, value));
}

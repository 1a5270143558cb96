namespace Etl.SchemaGovernance.Avro.Binary;

/// <summary>A value that does not fit the schema it is being encoded with; the message names the path in the value.</summary>
internal sealed class AvroEncodeException(string message) : Exception(message);

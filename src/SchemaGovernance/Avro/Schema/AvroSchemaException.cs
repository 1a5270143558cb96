namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>An Avro schema that is not valid JSON or breaks a rule of the specification.</summary>
/// <remarks>The message names the problem and ends with the JSON path of the offending node, e.g. <c>/fields/2/type</c>.</remarks>
internal sealed class AvroSchemaException : Exception
{
    public AvroSchemaException(string problem, string path, Exception? inner = null)
        : base($"{problem} (at {(path.Length == 0 ? "/" : path)})", inner)
    {
        Problem = problem;
        Path = path;
    }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }

    /// <summary>JSON path into the schema document; empty for the root.</summary>
    public string Path { get; }
}

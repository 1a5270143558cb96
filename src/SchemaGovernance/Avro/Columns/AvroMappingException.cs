namespace Etl.SchemaGovernance.Avro.Columns;

/// <summary>An Avro schema that has no column representation; <see cref="Path"/> points into the schema.</summary>
internal sealed class AvroMappingException : Exception
{
    public AvroMappingException(string problem, string path)
        : base($"{problem} (at {(path.Length == 0 ? "/" : path)})")
    {
        Problem = problem;
        Path = path;
    }

    public string Problem { get; }

    public string Path { get; }
}

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>A reader schema that cannot read data written with a writer schema; <see cref="Path"/> points into the reader schema.</summary>
internal sealed class AvroResolutionException : Exception
{
    public AvroResolutionException(string problem, string path)
        : base($"{problem} (at {(path.Length == 0 ? "/" : path)} in the reader schema)")
    {
        Problem = problem;
        Path = path;
    }

    public string Problem { get; }

    public string Path { get; }
}

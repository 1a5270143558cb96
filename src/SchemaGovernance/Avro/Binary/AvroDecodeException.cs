namespace Etl.SchemaGovernance.Avro.Binary;

/// <summary>Avro binary data that is truncated, malformed, hostile (impossible lengths or counts) or cannot be resolved.</summary>
/// <remarks>The message ends with the byte offset in the input at which the problem was detected.</remarks>
internal sealed class AvroDecodeException : Exception
{
    public AvroDecodeException(string problem, long position, Exception? inner = null)
        : base($"{problem} (at byte {position})", inner)
    {
        Problem = problem;
        Position = position;
    }

    public string Problem { get; }

    /// <summary>Offset into the decoded buffer.</summary>
    public long Position { get; }
}

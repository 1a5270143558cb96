using Etl.Core.Columns;
using Etl.Core.Records;

namespace Etl.Batching.Formats;

/// <summary>
/// Writes a buffer's rows as one data file (the format seam: Parquet today). Must be deterministic: the same rows,
/// schema and metadata give the same bytes, so a re-run commit writes an identical object. Throws only for faults in
/// the output stream; the rows were validated before they reached the buffer.
/// </summary>
public interface IDataFileWriter
{
    /// <summary>The file name extension including the dot, e.g. <c>.parquet</c>.</summary>
    string Extension { get; }

    /// <summary>Writes the rows (all of <paramref name="schema"/>) with the key-value metadata to the stream.</summary>
    void Write(Stream output, TableSchema schema, IReadOnlyList<DecodedRecord> rows, IReadOnlyDictionary<string, string> metadata);
}

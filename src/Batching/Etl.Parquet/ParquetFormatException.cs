namespace Etl.Parquet;

/// <summary>
/// A Parquet file is malformed: truncated, wrong magic, footer length out of range, a corrupt Thrift structure or a
/// corrupt page. The message names the problem and, where known, the column.
/// </summary>
public sealed class ParquetFormatException : Exception
{
    public ParquetFormatException()
        : base("The Parquet file is malformed.")
    {
    }

    public ParquetFormatException(string message)
        : base(message)
    {
    }

    public ParquetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

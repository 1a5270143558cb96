using System.Buffers.Binary;
using Etl.Parquet.Columns;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;
using Etl.Parquet.Thrift;

namespace Etl.Parquet.Reading;

/// <summary>
/// Reads a Parquet file from a seekable stream: footer, schema, column chunks and rows as object trees (the same
/// representation the writer's <c>AppendRow</c> takes). A malformed file raises <see cref="ParquetFormatException"/>
/// naming the problem (truncated, wrong magic, footer length out of range, corrupt page).
/// </summary>
public sealed class ParquetReader : IDisposable
{
    private const int MaxFooterLength = 256 << 20;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    private ParquetReader(Stream stream, bool leaveOpen, FileMetaDataInfo metadata, ParquetSchema schema, long length)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Metadata = metadata;
        Schema = schema;
        FileLength = length;
    }

    public ParquetSchema Schema { get; }

    public long RowCount => Metadata.NumRows;

    public int RowGroupCount => Metadata.RowGroups.Count;

    public long FileLength { get; }

    public string? CreatedBy => Metadata.CreatedBy;

    public IReadOnlyList<KeyValuePair<string, string?>> KeyValueMetadata => Metadata.KeyValueMetadata;

    internal FileMetaDataInfo Metadata { get; }

    /// <summary>Opens a file by path (read-only, shared read).</summary>
    public static ParquetReader Open(string path) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), leaveOpen: false);

    /// <summary>Reads and checks the footer of a seekable stream.</summary>
    public static ParquetReader Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The reader needs a readable, seekable stream.", nameof(stream));
        }

        try
        {
            var length = stream.Length;
            if (length < 12)
            {
                throw new ParquetFormatException($"Not a Parquet file: {length} bytes is shorter than the smallest possible file (truncated?).");
            }

            Span<byte> head = stackalloc byte[4];
            ReadAt(stream, 0, head);
            if (!head.SequenceEqual("PAR1"u8))
            {
                throw new ParquetFormatException($"Not a Parquet file: wrong magic at the start ({Convert.ToHexString(head)}, expected 50415231 'PAR1').");
            }

            Span<byte> tail = stackalloc byte[8];
            ReadAt(stream, length - 8, tail);
            if (!tail[4..].SequenceEqual("PAR1"u8))
            {
                throw new ParquetFormatException($"Not a Parquet file or truncated: wrong magic at the end ({Convert.ToHexString(tail[4..])}, expected 'PAR1').");
            }

            var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
            if (footerLength <= 0 || footerLength > length - 12 || footerLength > MaxFooterLength)
            {
                throw new ParquetFormatException($"Corrupt file: footer length {footerLength} out of range for a file of {length} bytes.");
            }

            var footer = new byte[footerLength];
            ReadAt(stream, length - 8 - footerLength, footer);
            var metadata = FileMetaDataInfo.Read(new CompactReader(footer, 0, footer.Length, "footer"));
            var schema = SchemaReader.Read(metadata.Schema);
            Validate(metadata, schema, length);
            return new ParquetReader(stream, leaveOpen, metadata, schema, length);
        }
        catch (EndOfStreamException ex)
        {
            DisposeUnlessLeftOpen(stream, leaveOpen);
            throw new ParquetFormatException("Corrupt file: truncated.", ex);
        }
        catch
        {
            DisposeUnlessLeftOpen(stream, leaveOpen);
            throw;
        }
    }

    private static void DisposeUnlessLeftOpen(Stream stream, bool leaveOpen)
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    public long RowGroupRowCount(int rowGroup) => Group(rowGroup).NumRows;

    /// <summary>Decodes every column chunk of a row group into buffers (values plus levels).</summary>
    public IReadOnlyList<ColumnBuffer> ReadColumns(int rowGroup)
    {
        var group = Group(rowGroup);
        var buffers = new ColumnBuffer[Schema.Columns.Count];
        for (var c = 0; c < buffers.Length; c++)
        {
            var column = Schema.Columns[c];
            var chunk = group.Columns[c];
            var what = $"column '{column.DottedPath}' of row group {rowGroup}";
            var data = new byte[chunk.TotalCompressedSize];
            ReadAt(_stream, chunk.StartOffset, data);
            var buffer = ColumnBuffer.Create(column);
            try
            {
                new ColumnChunkReader(column, chunk, rowGroup).Read(data, buffer);
            }
            catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or InvalidCastException or OverflowException or InvalidOperationException)
            {
                throw new ParquetFormatException($"Corrupt page in {what}: {ex.Message}", ex);
            }

            if (buffer.EntryCount != chunk.NumValues || buffer.RowCount != group.NumRows)
            {
                throw new ParquetFormatException($"Corrupt {what}: decoded {buffer.EntryCount} values in {buffer.RowCount} rows; the footer announces {chunk.NumValues} values in {group.NumRows} rows.");
            }

            buffers[c] = buffer;
        }

        return buffers;
    }

    /// <summary>The rows of one row group as object trees.</summary>
    public IReadOnlyList<object?[]> ReadRows(int rowGroup)
    {
        var columns = ReadColumns(rowGroup);
        return new RowAssembler(Schema, columns, $"row group {rowGroup}").ReadRows(Group(rowGroup).NumRows);
    }

    /// <summary>All rows, one row group in memory at a time.</summary>
    public IEnumerable<object?[]> ReadAllRows()
    {
        for (var g = 0; g < RowGroupCount; g++)
        {
            foreach (var row in ReadRows(g))
            {
                yield return row;
            }
        }
    }

    private RowGroupInfo Group(int rowGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroupCount);
        return Metadata.RowGroups[rowGroup];
    }

    private static void Validate(FileMetaDataInfo metadata, ParquetSchema schema, long length)
    {
        long rows = 0;
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var group = metadata.RowGroups[g];
            if (group.NumRows < 0 || group.NumRows > int.MaxValue)
            {
                throw new ParquetFormatException($"Corrupt footer: row group {g} announces {group.NumRows} rows.");
            }

            rows += group.NumRows;
            if (group.Columns.Count != schema.Columns.Count)
            {
                throw new ParquetFormatException($"Corrupt footer: row group {g} has {group.Columns.Count} column chunks for {schema.Columns.Count} columns.");
            }

            for (var c = 0; c < group.Columns.Count; c++)
            {
                var chunk = group.Columns[c];
                var start = chunk.StartOffset;
                if (start < 4 || chunk.TotalCompressedSize < 0 || chunk.TotalCompressedSize > int.MaxValue || start + chunk.TotalCompressedSize > length - 8 || chunk.NumValues < 0)
                {
                    throw new ParquetFormatException($"Corrupt footer: column chunk '{schema.Columns[c].DottedPath}' of row group {g} lies outside the file (offset {start}, {chunk.TotalCompressedSize} bytes, file {length} bytes).");
                }

                if (chunk.Type != schema.Columns[c].PhysicalType)
                {
                    throw new ParquetFormatException($"Corrupt footer: column chunk '{schema.Columns[c].DottedPath}' of row group {g} has type {chunk.Type}, the schema {schema.Columns[c].PhysicalType}.");
                }
            }
        }

        if (rows != metadata.NumRows)
        {
            throw new ParquetFormatException($"Corrupt footer: num_rows {metadata.NumRows} differs from the row groups' total {rows}.");
        }
    }

    private static void ReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}

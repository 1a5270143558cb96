using System.Buffers.Binary;
using Etl.Parquet.Columns;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;
using Etl.Parquet.Shredding;
using Etl.Parquet.Thrift;

namespace Etl.Parquet.Writing;

/// <summary>
/// Writes one Parquet file to a stream. Fill the column buffers (<see cref="Columns"/>, <see cref="Column{T}(string)"/>)
/// or append object rows (<see cref="AppendRow"/>), report finished rows with <see cref="CompleteRows"/>, and call
/// <see cref="Complete"/> (or <see cref="CompleteAsync"/>) to write the footer. Row groups are written to the
/// stream as soon as they reach <see cref="ParquetWriterOptions.RowGroupSizeBytes"/> or
/// <see cref="ParquetWriterOptions.RowGroupMaxRows"/>, so memory is bounded by one row group.
/// Disposing without completing leaves a file without a footer, which every reader rejects. Disposing returns the
/// column buffers' arrays to the shared pool: do not use the buffers (or spans of them) afterwards.
/// Not thread-safe. Failures (I/O, invalid values) are thrown to the caller, who owns retrying with a new file.
/// </summary>
public sealed class ParquetWriter : IDisposable, IAsyncDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly Stream _output;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnBuffer[] _buffers;
    private readonly ColumnChunkEncoder _encoder;
    private readonly ByteBuffer _chunk = new(1 << 20);
    private readonly FileMetaDataInfo _footer = new();
    private readonly RowShredder _shredder;
    private long _position;
    private int _pendingRows;
    private bool _started;
    private bool _completed;
    private bool _disposed;

    public ParquetWriter(Stream output, ParquetSchema schema, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        _options = options ?? ParquetWriterOptions.Default;
        _options.Validate();
        SchemaRules.ValidateForWriting(schema);
        _output = output;
        Schema = schema;
        _buffers = [.. schema.Columns.Select(ColumnBuffer.Create)];
        _encoder = new ColumnChunkEncoder(_options);
        _shredder = new RowShredder(schema, _buffers);
        SchemaElementWriter.Flatten(schema, _footer.Schema);
        _footer.CreatedBy = _options.CreatedBy;
        foreach (var (key, value) in _options.KeyValueMetadata)
        {
            _footer.KeyValueMetadata.Add(new(key, value));
        }

        foreach (var _ in schema.Columns)
        {
            _footer.ColumnOrders.Add(1);
        }
    }

    public ParquetSchema Schema { get; }

    /// <summary>One buffer per leaf column, in schema order.</summary>
    public IReadOnlyList<ColumnBuffer> Columns => _buffers;

    /// <summary>Rows written to the stream or waiting in the open row group.</summary>
    public long RowCount => _footer.NumRows + _pendingRows;

    /// <summary>Bytes written to the stream so far.</summary>
    public long BytesWritten => _position;

    /// <summary>Row groups written so far.</summary>
    public int RowGroupCount => _footer.RowGroups.Count;

    /// <summary>Uncompressed bytes buffered in the open row group.</summary>
    public long BufferedBytes
    {
        get
        {
            long total = 0;
            foreach (var buffer in _buffers)
            {
                total += buffer.ValueBytes;
            }

            return total;
        }
    }

    /// <summary>The buffer of a leaf by dotted path, typed (e.g. <c>Column&lt;Int64ColumnBuffer&gt;("id")</c>).</summary>
    public T Column<T>(string dottedPath)
        where T : ColumnBuffer
    {
        var buffer = _buffers[Schema.Column(dottedPath).Index];
        return buffer as T ?? throw new InvalidCastException($"Column '{dottedPath}' is a {buffer.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <summary>Adds a key-value pair to the footer (any time before completion).</summary>
    public void AddKeyValueMetadata(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ThrowIfDone();
        _footer.KeyValueMetadata.Add(new(key, value));
    }

    /// <summary>Appends one row as an object tree (struct = object?[], list = IReadOnlyList&lt;object?&gt;, ...) and completes it.</summary>
    public void AppendRow(IReadOnlyList<object?> row)
    {
        ThrowIfDone();
        _shredder.AppendRow(row);
        CompleteRows(1);
    }

    /// <summary>
    /// Declares that <paramref name="count"/> more rows have been appended to every column buffer; writes the row
    /// group when it is full.
    /// </summary>
    public void CompleteRows(int count)
    {
        AddPending(count);
        if (RowGroupIsFull())
        {
            FlushRowGroup();
        }
    }

    /// <inheritdoc cref="CompleteRows"/>
    public async ValueTask CompleteRowsAsync(int count, CancellationToken cancellationToken = default)
    {
        AddPending(count);
        if (RowGroupIsFull())
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the buffered rows as a row group now (no-op when there are none).</summary>
    public void FlushRowGroup()
    {
        ThrowIfDone();
        if (!_started)
        {
            _output.Write(Magic);
            _position += Magic.Length;
            _started = true;
        }

        if (_pendingRows == 0)
        {
            return;
        }

        EncodeRowGroup();
        _output.Write(_chunk.WrittenSpan);
        _position += _chunk.Length;
        _chunk.Clear();
    }

    /// <inheritdoc cref="FlushRowGroup"/>
    public async ValueTask FlushRowGroupAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDone();
        if (!_started)
        {
            await _output.WriteAsync(Magic, cancellationToken).ConfigureAwait(false);
            _position += Magic.Length;
            _started = true;
        }

        if (_pendingRows == 0)
        {
            return;
        }

        EncodeRowGroup();
        await _output.WriteAsync(_chunk.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _position += _chunk.Length;
        _chunk.Clear();
    }

    /// <summary>Writes the open row group and the footer. The stream is flushed but not closed.</summary>
    public void Complete()
    {
        FlushRowGroup();
        var footer = EncodeFooter();
        _output.Write(footer.WrittenSpan);
        _position += footer.Length;
        footer.Dispose();
        _completed = true;
        _output.Flush();
    }

    /// <inheritdoc cref="Complete"/>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        var footer = EncodeFooter();
        await _output.WriteAsync(footer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _position += footer.Length;
        footer.Dispose();
        _completed = true;
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void AddPending(int count)
    {
        ThrowIfDone();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _pendingRows = checked(_pendingRows + count);
    }

    private bool RowGroupIsFull() => _pendingRows >= _options.RowGroupMaxRows || BufferedBytes >= _options.RowGroupSizeBytes;

    private void EncodeRowGroup()
    {
        foreach (var buffer in _buffers)
        {
            if (buffer.RowCount != _pendingRows)
            {
                throw new InvalidOperationException(
                    $"Column '{buffer.Column.DottedPath}' holds {buffer.RowCount} rows but {_pendingRows} rows were completed; every column needs one entry per row.");
            }
        }

        var group = new RowGroupInfo { NumRows = _pendingRows, Ordinal = (short)Math.Min(_footer.RowGroups.Count, short.MaxValue) };
        _chunk.Clear();
        foreach (var buffer in _buffers)
        {
            var chunk = _encoder.Encode(buffer, _chunk, _position);
            group.Columns.Add(chunk);
            group.TotalByteSize += chunk.TotalUncompressedSize;
        }

        group.FileOffset = group.Columns[0].StartOffset;
        group.TotalCompressedSize = _chunk.Length;
        _footer.RowGroups.Add(group);
        _footer.NumRows += _pendingRows;
        _pendingRows = 0;
        foreach (var buffer in _buffers)
        {
            buffer.Clear();
        }
    }

    private ByteBuffer EncodeFooter()
    {
        var footer = new ByteBuffer(4096);
        _footer.Write(new CompactWriter(footer));
        var length = footer.Length;
        BinaryPrimitives.WriteInt32LittleEndian(footer.GetSpan(4), length);
        footer.Advance(4);
        footer.Write(Magic);
        return footer;
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The Parquet file is already complete.");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _encoder.Dispose();
        _chunk.Dispose();
        foreach (var buffer in _buffers)
        {
            buffer.ReturnArrays();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Container;

/// <summary>
/// Writes an Avro object container file: header (magic, metadata with <c>avro.schema</c> and <c>avro.codec</c>, sync
/// marker), then blocks of values, each followed by the sync marker. A block is written when it reaches
/// <see cref="BlockSizeBytes"/> or on <see cref="Flush"/> / <see cref="Dispose"/>.
/// </summary>
internal sealed class AvroContainerWriter : IDisposable
{
    private readonly Stream _output;
    private readonly AvroSchema _schema;
    private readonly string _schemaJson;
    private readonly AvroCodec _codec;
    private readonly byte[] _sync;
    private readonly ArrayBufferWriter<byte> _block = new();
    private readonly AvroWriter _blockWriter;
    private long _blockCount;
    private bool _disposed;

    /// <param name="output">Destination; not disposed by this writer.</param>
    /// <param name="schema">Writer schema, stored in the header as its canonical form.</param>
    /// <param name="codec">Block codec.</param>
    /// <param name="syncMarker">16 bytes; random when null.</param>
    /// <param name="metadata">Extra header entries (keys must not start with <c>avro.</c>).</param>
    public AvroContainerWriter(Stream output, AvroSchema schema, AvroCodec codec = AvroCodec.Null, byte[]? syncMarker = null, IReadOnlyDictionary<string, byte[]>? metadata = null)
        : this(output, schema, AvroCanonicalForm.Of(schema), codec, syncMarker, metadata)
    {
    }

    /// <summary>Like the other constructor, but stores <paramref name="schemaJson"/> verbatim in the header (keeping logical types, defaults and docs).</summary>
    public AvroContainerWriter(Stream output, string schemaJson, AvroCodec codec = AvroCodec.Null, byte[]? syncMarker = null, IReadOnlyDictionary<string, byte[]>? metadata = null)
        : this(output, AvroSchemaParser.Parse(schemaJson), schemaJson, codec, syncMarker, metadata)
    {
    }

    private AvroContainerWriter(Stream output, AvroSchema schema, string schemaJson, AvroCodec codec, byte[]? syncMarker, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        if (syncMarker is not null && syncMarker.Length != AvroContainerFormat.SyncSize)
        {
            throw new ArgumentException($"the sync marker must be {AvroContainerFormat.SyncSize} bytes", nameof(syncMarker));
        }

        _output = output;
        _schema = schema;
        _schemaJson = schemaJson;
        _codec = codec;
        _sync = syncMarker ?? RandomNumberGenerator.GetBytes(AvroContainerFormat.SyncSize);
        _blockWriter = new AvroWriter(_block);
        WriteHeader(metadata);
    }

    /// <summary>Uncompressed block size that triggers writing a block (default 64 KiB).</summary>
    public int BlockSizeBytes { get; init; } = 64 * 1024;

    public void Append(object? value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AvroDatumWriter.Write(_schema, value, _blockWriter);
        _blockCount++;
        if (_block.WrittenCount >= BlockSizeBytes)
        {
            Flush();
        }
    }

    /// <summary>Writes the pending values as a block (nothing when there are none) and flushes the stream.</summary>
    public void Flush()
    {
        if (_blockCount > 0)
        {
            var data = AvroContainerFormat.Compress(_codec, _block.WrittenSpan);
            var head = new ArrayBufferWriter<byte>(20);
            var w = new AvroWriter(head);
            w.WriteLong(_blockCount);
            w.WriteLong(data.Length);
            _output.Write(head.WrittenSpan);
            _output.Write(data);
            _output.Write(_sync);
            _block.Clear();
            _blockCount = 0;
        }

        _output.Flush();
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            Flush();
            _disposed = true;
        }
    }

    private void WriteHeader(IReadOnlyDictionary<string, byte[]>? metadata)
    {
        var header = new ArrayBufferWriter<byte>();
        var w = new AvroWriter(header);
        w.WriteRaw(AvroContainerFormat.Magic);
        var entries = new List<KeyValuePair<string, byte[]>>
        {
            new("avro.schema", Encoding.UTF8.GetBytes(_schemaJson)),
            new("avro.codec", Encoding.UTF8.GetBytes(AvroContainerFormat.CodecName(_codec))),
        };
        foreach (var (key, value) in metadata ?? new Dictionary<string, byte[]>())
        {
            if (key.StartsWith("avro.", StringComparison.Ordinal))
            {
                throw new ArgumentException($"metadata key '{key}' is reserved", nameof(metadata));
            }

            entries.Add(new(key, value));
        }

        w.WriteLong(entries.Count);
        foreach (var (key, value) in entries)
        {
            w.WriteString(key);
            w.WriteBytes(value);
        }

        w.WriteLong(0);
        w.WriteRaw(_sync);
        _output.Write(header.WrittenSpan);
    }
}

using System.Text;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Container;

/// <summary>
/// Reads an object container file held in memory: validates the magic, the header map, the codec and every block's
/// sync marker; inflates deflate blocks with a size cap; decodes values with schema resolution when a reader schema
/// is given.
/// </summary>
internal static class AvroContainerReader
{
    /// <summary>Default cap on one block's uncompressed size.</summary>
    public const long DefaultMaxBlockBytes = 64L * 1024 * 1024;

    public static AvroContainerContents Read(ReadOnlySpan<byte> file, AvroSchema? readerSchema = null, long maxBlockBytes = DefaultMaxBlockBytes)
    {
        var r = new AvroReader(file);
        if (!r.ReadRaw(AvroContainerFormat.Magic.Length).SequenceEqual(AvroContainerFormat.Magic))
        {
            throw new AvroDecodeException("not an Avro object container file (magic Obj\\x01 missing)", 0);
        }

        var metadata = ReadMetadata(ref r);
        if (!metadata.TryGetValue("avro.schema", out var schemaBytes))
        {
            throw new AvroDecodeException("the file header has no avro.schema", r.Position);
        }

        AvroSchema writerSchema;
        try
        {
            writerSchema = AvroSchemaParser.Parse(Encoding.UTF8.GetString(schemaBytes));
        }
        catch (AvroSchemaException e)
        {
            throw new AvroDecodeException("the file's writer schema is invalid: " + e.Message, r.Position, e);
        }

        var codec = (metadata.TryGetValue("avro.codec", out var codecBytes) ? Encoding.UTF8.GetString(codecBytes) : "null") switch
        {
            "null" => AvroCodec.Null,
            "deflate" => AvroCodec.Deflate,
            var other => throw new AvroDecodeException($"unsupported codec '{other}'", r.Position),
        };
        var sync = r.ReadRaw(AvroContainerFormat.SyncSize).ToArray();
        var datumReader = new AvroDatumReader(writerSchema, readerSchema);
        var minSize = Resolution.AvroMinSize.Of(writerSchema);
        var values = new List<object?>();
        while (!r.IsAtEnd)
        {
            var blockStart = r.Position;
            var count = r.ReadLong();
            var sizeStart = r.Position;
            var size = r.ReadLong();
            if (count < 0 || size < 0 || size > r.Remaining)
            {
                throw r.FailAt(blockStart, $"block header count {count}, size {size} is invalid for the {r.Remaining} bytes that remain");
            }

            var data = AvroContainerFormat.Decompress(codec, r.ReadRaw((int)size), maxBlockBytes, sizeStart);
            if (minSize > 0 ? count > data.Length / minSize : count > AvroLimits.MaxZeroWidthItems)
            {
                throw r.FailAt(blockStart, $"block count {count} is impossible for a {data.Length}-byte block");
            }

            var block = new AvroReader(data);
            for (var i = 0L; i < count; i++)
            {
                values.Add(datumReader.Read(ref block));
            }

            if (!block.IsAtEnd)
            {
                throw r.FailAt(blockStart, $"{block.Remaining} bytes remain in a block after its {count} values");
            }

            if (!r.ReadRaw(AvroContainerFormat.SyncSize).SequenceEqual(sync))
            {
                throw r.FailAt(r.Position - AvroContainerFormat.SyncSize, "a block is not followed by the file's sync marker");
            }
        }

        return new AvroContainerContents(writerSchema, codec, metadata, sync, values);
    }

    private static Dictionary<string, byte[]> ReadMetadata(ref AvroReader r)
    {
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (true)
        {
            var count = r.ReadBlockCount(2, out _);
            if (count == 0)
            {
                return metadata;
            }

            for (var i = 0L; i < count; i++)
            {
                var key = r.ReadString();
                metadata[key] = r.ReadBytes();
            }
        }
    }
}

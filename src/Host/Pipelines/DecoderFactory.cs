using System.Collections.Concurrent;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Host.Configuration;
using Etl.SchemaGovernance.Framing;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.Host.Pipelines;

/// <summary>
/// Builds a pipeline's decoder from its schema settings: plain records validated against one version, or records
/// whose Glue Schema Registry header names their version (looked up once per version, then cached: versions are
/// immutable).
/// </summary>
internal sealed class DecoderFactory(IPipelineSchemas schemas)
{
    public async Task<IRecordDecoder> CreateAsync(string schemaName, SchemaOptions options, CancellationToken token)
    {
        var fixedVersion = await schemas.GetAsync(schemaName, options.Version, token);
        if (!options.GsrFramed)
        {
            return Compile(fixedVersion);
        }

        return new FramedDecoder(schemas, new GsrFrameDecoder(GsrFrameOptions.AcceptUnframed(fixedVersion.Ref.VersionId)), schemaName, this);
    }

    internal IRecordDecoder Compile(RegisteredSchema schema) => schema.DataFormat switch
    {
        "JSON" => JsonRecordConverter.Compile(schema.Definition, schema.Ref),
        _ => throw new InvalidOperationException($"schema {schema.Ref} has data format {schema.DataFormat}, which this pipeline cannot decode yet"),
    };

    /// <summary>Unframes each record, then decodes its payload with the version its header names.</summary>
    private sealed class FramedDecoder(IPipelineSchemas schemas, GsrFrameDecoder frames, string schemaName, DecoderFactory factory) : IBatchPreparingDecoder
    {
        private readonly ConcurrentDictionary<Guid, IRecordDecoder?> _byVersion = new();

        public async Task PrepareAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken)
        {
            foreach (var record in records)
            {
                var frame = frames.Decode(record.Data);
                if (frame.TryGetFrame(out var f) && !_byVersion.ContainsKey(f.SchemaVersionId))
                {
                    var schema = await schemas.GetByIdAsync(f.SchemaVersionId, cancellationToken);
                    _byVersion[f.SchemaVersionId] = schema is not null && string.Equals(schema.Ref.SchemaName, schemaName, StringComparison.Ordinal)
                        ? factory.Compile(schema)
                        : null;
                }
            }
        }

        public DecodeResult Decode(SourceRecord record)
        {
            var frame = frames.Decode(record.Data);
            if (!frame.TryGetFrame(out var f))
            {
                return DecodeResult.Failure(frame.Reason!);
            }

            if (!_byVersion.TryGetValue(f.SchemaVersionId, out var decoder) || decoder is null)
            {
                return DecodeResult.Failure(
                    DeadLetterKind.UnknownSchemaVersion,
                    $"schema version {f.SchemaVersionId} is not a version of schema '{schemaName}' in the registry");
            }

            return decoder.Decode(record with { Data = f.Payload });
        }
    }
}

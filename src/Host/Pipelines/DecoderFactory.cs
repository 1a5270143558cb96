using System.Collections.Concurrent;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Host.Configuration;
using Etl.SchemaGovernance.Avro.Columns;
using Etl.SchemaGovernance.Framing;
using Etl.SchemaGovernance.JsonSchema;
using Etl.SchemaGovernance.Mapping;

namespace Etl.Host.Pipelines;

/// <summary>
/// Builds a pipeline's decoder from its schema settings: plain records validated against one version, or records
/// whose Glue Schema Registry header names their version (looked up once per version, then cached: versions are
/// immutable). JSON Schema and Avro versions are decoded; a pipeline's <c>Mapping:Overrides</c> wrap each version's
/// decoder in an <see cref="OverridingDecoder"/> whose plan is built once per version.
/// </summary>
internal sealed class DecoderFactory(IPipelineSchemas schemas)
{
    /// <summary>
    /// The decoder of a configured pipeline, with its type overrides. Throws <see cref="ServiceHost.ConfigurationException"/>
    /// naming <c>{settingPath}:Mapping:Overrides:{column}</c> when an override does not fit the start-up version (the
    /// pinned <c>Schema:Version</c>, else the latest AVAILABLE one); versions met later that an override does not fit
    /// have their records dead-lettered instead.
    /// </summary>
    public Task<IRecordDecoder> CreateAsync(PipelineOptions pipeline, string settingPath, CancellationToken token) =>
        CreateAsync(pipeline.Schema.Name ?? pipeline.Name, pipeline.Schema, ColumnOverrides.Parse(pipeline.Mapping.Overrides), settingPath, token);

    /// <summary>The decoder of a schema without type overrides.</summary>
    public Task<IRecordDecoder> CreateAsync(string schemaName, SchemaOptions options, CancellationToken token) =>
        CreateAsync(schemaName, options, ColumnOverrides.None, "", token);

    /// <summary>
    /// The decoder of a schema with type overrides (see the pipeline overload); <paramref name="settingPath"/> prefixes
    /// the override settings in start-up errors (<c>Etl:Pipelines:N</c>).
    /// </summary>
    public async Task<IRecordDecoder> CreateAsync(string schemaName, SchemaOptions options, ColumnOverrides overrides, string settingPath, CancellationToken token)
    {
        var fixedVersion = await schemas.GetAsync(schemaName, options.Version, token);
        var compiled = Compile(fixedVersion);
        IRecordDecoder decoder = compiled.Decoder;
        if (!overrides.IsEmpty)
        {
            if (!overrides.TryPlan(compiled.Schema, requireColumns: true, out var plan, out var problems))
            {
                throw new ServiceHost.ConfigurationException(
                    [.. problems.Select(p => $"{settingPath}:Mapping:Overrides:{p.Column}: {p.Message} (schema {fixedVersion.Ref})")]);
            }

            decoder = new OverridingDecoder(decoder, plan);
        }

        if (!options.GsrFramed)
        {
            return decoder;
        }

        var framed = new FramedDecoder(schemas, new GsrFrameDecoder(GsrFrameOptions.AcceptUnframed(fixedVersion.Ref.VersionId)), schemaName, overrides);
        framed.Add(fixedVersion.Ref.VersionId, decoder);
        return framed;
    }

    /// <summary>A version's decoder and the columns of its rows.</summary>
    internal static (IRecordDecoder Decoder, TableSchema Schema) Compile(RegisteredSchema schema)
    {
        switch (schema.DataFormat)
        {
            case "JSON":
                var json = JsonRecordConverter.Compile(schema.Definition, schema.Ref);
                return (json, json.Schema);
            case "AVRO":
                var avro = AvroRecordDecoder.Compile(schema.Definition, schema.Ref);
                return (avro, avro.Schema);
            default:
                throw new InvalidOperationException($"schema {schema.Ref} has data format {schema.DataFormat}, which this pipeline cannot decode");
        }
    }

    /// <summary>A version's decoder with the overrides applied, or one that rejects its records when they cannot apply.</summary>
    internal static IRecordDecoder CompileWithOverrides(RegisteredSchema schema, ColumnOverrides overrides)
    {
        var (decoder, columns) = Compile(schema);
        if (overrides.IsEmpty)
        {
            return decoder;
        }

        return overrides.TryPlan(columns, requireColumns: false, out var plan, out var problems)
            ? new OverridingDecoder(decoder, plan)
            : new RejectingDecoder(new DeadLetterReason(
                DeadLetterKind.IncompatibleWithTable,
                $"schema version {schema.Ref} does not fit the pipeline's Mapping:Overrides: {string.Join("; ", problems.Select(p => p.Message))}",
                null,
                "override"));
    }

    /// <summary>Rejects every record of a version the pipeline cannot use.</summary>
    private sealed class RejectingDecoder(DeadLetterReason reason) : IRecordDecoder
    {
        public DecodeResult Decode(SourceRecord record) => DecodeResult.Failure(reason);
    }

    /// <summary>Unframes each record, then decodes its payload with the version its header names.</summary>
    private sealed class FramedDecoder(IPipelineSchemas schemas, GsrFrameDecoder frames, string schemaName, ColumnOverrides overrides) : IBatchPreparingDecoder
    {
        private readonly ConcurrentDictionary<Guid, IRecordDecoder?> _byVersion = new();

        public void Add(Guid versionId, IRecordDecoder decoder) => _byVersion[versionId] = decoder;

        public async Task PrepareAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken)
        {
            foreach (var record in records)
            {
                var frame = frames.Decode(record.Data);
                if (frame.TryGetFrame(out var f) && !_byVersion.ContainsKey(f.SchemaVersionId))
                {
                    var schema = await schemas.GetByIdAsync(f.SchemaVersionId, cancellationToken);
                    _byVersion[f.SchemaVersionId] = schema is not null && string.Equals(schema.Ref.SchemaName, schemaName, StringComparison.Ordinal)
                        ? CompileWithOverrides(schema, overrides)
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

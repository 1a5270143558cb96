using Etl.Batching.Commit;
using Etl.Batching.Formats;
using Etl.Core.Contracts;
using Etl.Core.Telemetry;
using Etl.Host.Cli;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Etl.SchemaGovernance.Mapping;

namespace Etl.Host.DeadLetters;

/// <summary>
/// Re-runs a table's dead-letter objects through the pipeline of that table with the schema's latest AVAILABLE
/// version, exactly once: each object is one shard of a <see cref="DeadLetterSource"/> whose state is kept under
/// the data root (stream <c>replay-{table}</c>), so a second identical replay reads nothing. Records now valid are
/// written to the table with keys derived from the object; records still invalid go to new dead-letter objects under
/// <c>{table dead-letter prefix}replay-v{version}/</c> with attempts counted on. Works in both modes
/// (<see cref="DeadLetterEnvironment"/>); in AWS mode one replay of a table runs at a time.
/// </summary>
/// <param name="objectStore">Local mode: builds the object store over the data root's objects folder (default: the folder store).</param>
internal sealed class DeadLetterReplayer(EtlOptions options, TimeProvider time, ILoggerFactory loggers, Func<string, IObjectStore>? objectStore = null)
{
    public async Task<ReplaySummary> ReplayAsync(ReplayRequest request, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pipeline, definition) = FindPipeline(request.Table);
        await using var environment = DeadLetterEnvironment.Open(options, time, objectStore);
        var store = environment.Stores.For(pipeline);
        var state = environment.State;
        await environment.ExclusiveAsync("replay-" + definition.Table, token);
        var registry = SchemaRegistries.Create(options, time, loggers);
        using var ownedRegistry = registry as IDisposable;
        var schemas = new RegistryPipelineSchemas(registry, options.Registry.Name);
        var schemaName = pipeline.Schema.Name ?? pipeline.Name;
        var latest = await schemas.GetAsync(schemaName, null, token);
        var decoder = await new DecoderFactory(schemas).CreateAsync(
            schemaName,
            new SchemaOptions { Name = schemaName, Version = null, GsrFramed = pipeline.Schema.GsrFramed },
            ColumnOverrides.Parse(pipeline.Mapping.Overrides),
            PipelineFactory.SettingPath(options, pipeline),
            token);

        var replayFolder = definition.DeadLetterTablePrefix + ReplayShardIds.ReplayFolder(latest.Ref.Version) + "/";
        var keys = await SelectAsync(store, definition.DeadLetterTablePrefix, replayFolder, request, token);
        var source = new DeadLetterSource(store, state, "replay-" + definition.Table, keys);
        var replay = definition with
        {
            DeadLetterPrefixOverride = replayFolder,
            DeadLetterAttempts = source.AttemptsOf,
            Buffering = definition.Buffering with { MaxAge = TimeSpan.FromDays(1) },
        };
        var observer = new CountingObserver();
        var logger = loggers.CreateLogger("Etl.DeadLetters.Replay");
        LogMessages.ReplayStarted(logger, keys.Count, definition.Table, latest.Ref);
        var engine = new PipelineEngine(
            replay,
            source,
            decoder,
            store,
            environment.Catalog.Value,
            state,
            new ParquetDataFileWriter(PipelineFactory.Compression(pipeline.Output)),
            time,
            observer,
            logger);
        await engine.RunAsync(CancellationToken.None, token);
        return new ReplaySummary(
            definition.Table,
            keys.Count,
            source.ObjectsReplayed,
            source.ObjectsAlreadyReplayed,
            observer.RowsWritten,
            observer.DeadLetteredRows,
            latest.Ref.Version);
    }

    /// <summary>The pipeline writing the table, from the same configuration as the service.</summary>
    internal (PipelineOptions Pipeline, PipelineDefinition Definition) FindPipeline(string table)
    {
        var pipelines = PipelineFactory.Expand(options);
        foreach (var pipeline in pipelines)
        {
            var definition = PipelineFactory.Define(options, pipeline);
            if (string.Equals(definition.Table, table, StringComparison.Ordinal))
            {
                return (pipeline, definition);
            }
        }

        var known = string.Join(", ", pipelines.Select(p => PipelineFactory.Define(options, p).Table));
        throw new ArgumentException($"--table: no configured pipeline writes table '{table}' (tables: {(known.Length == 0 ? "none" : known)})");
    }

    /// <summary>
    /// The given keys (each must be one of the table's dead-letter objects), or every object of the table holding the
    /// reason kind. Objects that a replay with this same schema version wrote are left out when selecting by table:
    /// replaying them again could not change their outcome.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SelectAsync(IObjectStore store, string tablePrefix, string replayFolder, ReplayRequest request, CancellationToken token)
    {
        if (request.Keys is { Count: > 0 } keys)
        {
            var chosen = new List<string>();
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                if (!key.StartsWith(tablePrefix, StringComparison.Ordinal) || !key.EndsWith(DeadLetterInventory.Extension, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"--key: '{key}' is not a dead-letter object of this table (keys start with '{tablePrefix}' and end with '{DeadLetterInventory.Extension}')");
                }

                var envelopes = await DeadLetterInventory.ReadAsync(store, key, token)
                    ?? throw new ArgumentException($"--key: dead-letter object '{key}' does not exist");
                if (request.Reason is null || envelopes.Any(e => e.Reason.Kind == request.Reason))
                {
                    chosen.Add(key);
                }
            }

            return chosen;
        }

        var objects = await DeadLetterInventory.ListAsync(store, tablePrefix, request.Reason, token);
        return objects.Select(o => o.Key).Where(k => !k.StartsWith(replayFolder, StringComparison.Ordinal)).ToList();
    }
}

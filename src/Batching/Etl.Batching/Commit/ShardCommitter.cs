using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Etl.Batching.Buffers;
using Etl.Batching.DeadLetters;
using Etl.Batching.Formats;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Etl.Batching.Commit;

/// <summary>
/// The commit protocol for one buffer (see docs/adr/0001-exactly-once-commits.md):
/// 1. record the intent (object key and exact range) with the shard's state;
/// 2. upload the file under a key derived from the range, so a re-run writes the same key;
/// 3. update the catalog (table columns, partition), both idempotent;
/// 4. in one write: move the checkpoint to just before the oldest record still buffered, add the file to the
///    committed segments past the checkpoint, and clear the intent.
/// </summary>
internal sealed class ShardCommitter(
    PipelineDefinition definition,
    string streamName,
    IObjectStore store,
    ICatalog catalog,
    IShardStateStore state,
    IDataFileWriter writer,
    TimeProvider time,
    IPipelineObserver observer,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, string?> _tableVersions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _partitions = new(StringComparer.Ordinal);

    public async Task CommitAsync(ShardProgress shard, OpenBuffer buffer, RotationReason reason, IReadOnlyList<OpenBuffer> otherOpen, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        var deadLetters = buffer.IsDeadLetter;
        var conflict = deadLetters ? null : await EnsureTableAsync(buffer, token);
        if (conflict is not null && !definition.DeadLettersEnabled)
        {
            throw new BadRecordException(definition.Name, buffer.First, new DeadLetterReason(DeadLetterKind.IncompatibleWithTable, conflict));
        }

        var key = ObjectKey(buffer, deadLetters || conflict is not null);
        using var content = new MemoryStream();
        if (deadLetters)
        {
            DeadLetterSerializer.WriteLines(content, buffer.DeadLetters);
        }
        else if (conflict is not null)
        {
            DeadLetterSerializer.WriteLines(content, buffer.Rows.Select(r => AsConflict(r, conflict)));
        }
        else
        {
            writer.Write(content, buffer.Rows[0].Schema, buffer.Rows, FileMetadata(buffer));
        }

        await state.RecordIntentAsync(streamName, shard.ShardId, new CommitIntent(buffer.Key, buffer.First, buffer.Last, key, buffer.Count), token);
        content.Position = 0;
        await store.PutAsync(key, content, token);
        if (!deadLetters && conflict is null)
        {
            await EnsurePartitionAsync(buffer, token);
        }

        var checkpoint = CheckpointAfter(shard, otherOpen);
        var segments = shard.State.Segments
            .Add(new CommittedSegment(buffer.Key, buffer.First, buffer.Last, key))
            .RemoveAll(s => checkpoint is { } c && s.Last.CompareTo(c) <= 0);
        var next = new ShardState(checkpoint, segments, null, shard.Ended && otherOpen.Count == 0);
        await state.CommitAsync(streamName, shard.ShardId, next, token);
        shard.State = next;
        var elapsed = Stopwatch.GetElapsedTime(started);
        observer.FileCommitted(definition.Name, key, buffer.Count, content.Length, reason, elapsed, deadLetters || conflict is not null);
        LogMessages.CommitterFileCommitted(
            logger, key, buffer.Count, content.Length, reason.ToString(), checkpoint?.ToString() ?? "-", (long)elapsed.TotalMilliseconds);
    }

    /// <summary>Records the end of a shard once nothing of it is buffered.</summary>
    public async Task CommitShardEndAsync(ShardProgress shard, CancellationToken token)
    {
        var next = shard.State with { Checkpoint = shard.ReadUpTo, Segments = [], Intent = null, ShardEnded = true };
        await state.CommitAsync(streamName, shard.ShardId, next, token);
        shard.State = next;
    }

    /// <summary>
    /// Everything read before the oldest record still buffered is committed; with nothing buffered, everything
    /// read is.
    /// </summary>
    private static StreamPosition? CheckpointAfter(ShardProgress shard, IReadOnlyList<OpenBuffer> otherOpen)
    {
        StreamPosition? checkpoint = shard.ReadUpTo;
        foreach (var open in otherOpen)
        {
            if (open.Before is null)
            {
                return shard.State.Checkpoint;
            }

            if (checkpoint is null || open.Before.Value.CompareTo(checkpoint.Value) < 0)
            {
                checkpoint = open.Before;
            }
        }

        if (shard.State.Checkpoint is { } durable && (checkpoint is null || checkpoint.Value.CompareTo(durable) < 0))
        {
            return durable;
        }

        return checkpoint;
    }

    private string ObjectKey(OpenBuffer buffer, bool deadLetters)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{buffer.ShardId}-{buffer.First.SequenceNumber}-{buffer.First.SubSequenceNumber}");
        if (deadLetters)
        {
            var suffix = buffer.IsDeadLetter ? string.Empty : $"-v{buffer.SchemaVersion!.Version}";
            return $"{definition.DeadLetterTablePrefix}{buffer.Partition.Path}/{name}{suffix}.jsonl";
        }

        return $"{definition.TablePrefix}{buffer.Partition.Path}/{name}{writer.Extension}";
    }

    /// <summary>Where a data buffer's rows came from.</summary>
    private FileLineage LineageOf(OpenBuffer buffer) =>
        new(streamName, buffer.First, buffer.Last, buffer.Count, buffer.SchemaVersion!.SchemaName, buffer.SchemaVersion.Version);

    /// <summary>The file's key-value metadata: its lineage plus the pipeline and the schema version id.</summary>
    private Dictionary<string, string> FileMetadata(OpenBuffer buffer)
    {
        var metadata = LineageOf(buffer).ToMetadata();
        metadata["etl.pipeline"] = definition.Name;
        metadata["etl.schema.version_id"] = buffer.SchemaVersion!.VersionId.ToString();
        return metadata;
    }

    /// <summary>Makes sure the table has this version's columns; returns the conflict reason if it cannot.</summary>
    private async Task<string?> EnsureTableAsync(OpenBuffer buffer, CancellationToken token)
    {
        var version = buffer.SchemaVersion!;
        var cacheKey = version.ToString();
        if (_tableVersions.TryGetValue(cacheKey, out var known))
        {
            return known;
        }

        var parameters = new Dictionary<string, string>(definition.TableParameters, StringComparer.Ordinal)
        {
            ["classification"] = "parquet",
            ["etl.pipeline"] = definition.Name,
            ["etl.schema.name"] = version.SchemaName,
            ["etl.schema.version"] = version.Version.ToString(CultureInfo.InvariantCulture),
            ["etl.schema.version_id"] = version.VersionId.ToString(),
        };
        var table = new TableDefinition(
            definition.Database,
            definition.Table,
            buffer.Rows[0].Schema,
            definition.Partitioner.PartitionKeys,
            CombineLocation(store.Location, definition.TablePrefix),
            parameters);
        string? conflict = null;
        try
        {
            await catalog.EnsureTableAsync(table, token);
        }
        catch (CatalogSchemaConflictException e)
        {
            conflict = e.Message;
            observer.TableConflict(definition.Name, version, e.Message);
            LogMessages.CommitterSchemaRefused(logger, version, definition.Database, definition.Table, e.Message);
        }

        _tableVersions[cacheKey] = conflict;
        return conflict;
    }

    /// <summary>
    /// Registers the buffer's partition (once per process; the catalog ignores a partition that exists) with this
    /// file's lineage, then folds the file into the partition's lineage parameters, which is a no-op when the
    /// registration just wrote them or when a retried commit already did.
    /// </summary>
    private async Task EnsurePartitionAsync(OpenBuffer buffer, CancellationToken token)
    {
        var lineage = LineageOf(buffer);
        if (!_partitions.Contains(buffer.Partition.Path))
        {
            var parameters = PartitionLineage.Initial(lineage);
            parameters["etl.pipeline"] = definition.Name;
            parameters["etl.schema.version_id"] = buffer.SchemaVersion!.VersionId.ToString();
            var partition = new PartitionDefinition(
                buffer.Partition.Values,
                CombineLocation(store.Location, definition.TablePrefix + buffer.Partition.Path + "/"),
                parameters);
            await catalog.AddPartitionsAsync(definition.Database, definition.Table, [partition], token);
            _partitions.Add(buffer.Partition.Path);
        }

        await catalog.RecordLineageAsync(definition.Database, definition.Table, buffer.Partition.Values, lineage, token);
    }

    private DeadLetterRecord AsConflict(DecodedRecord row, string conflict) => new(
        definition.Name,
        definition.Table,
        new DeadLetterReason(DeadLetterKind.IncompatibleWithTable, conflict),
        row.SchemaVersion,
        row.Source.Position.ShardId,
        row.Source.Position.SequenceNumber,
        row.Source.Position.SubSequenceNumber,
        row.Source.PartitionKey,
        row.Source.ArrivalTime,
        time.GetUtcNow(),
        definition.AttemptsOf(row.Source),
        row.Source.Data.ToArray());

    internal static string CombineLocation(string storeLocation, string keyPrefix) =>
        storeLocation.EndsWith('/') ? storeLocation + keyPrefix : storeLocation + "/" + keyPrefix;
}

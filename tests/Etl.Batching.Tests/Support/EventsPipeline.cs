using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Batching.Formats;
using Etl.Batching.Partitioning;
using Etl.Core.Contracts;
using Etl.Parquet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Batching.Tests.Support;

/// <summary>The "events" test pipeline: "id,epochMillis" records (<see cref="CsvLikeDecoder"/>) into db.events, by hour of ts.</summary>
internal static class EventsPipeline
{
    /// <summary>The first hour of <see cref="Shards"/>.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Three shards of <paramref name="perShard"/> records over three hours; every 10th record is invalid.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Shards(int perShard)
    {
        var shards = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var s = 0; s < 3; s++)
        {
            var records = new List<string>();
            for (var i = 0; i < perShard; i++)
            {
                var id = (s * 100_000) + i;
                // Event times jump back and forth between hours so buffers of one shard interleave.
                var ts = Start.AddMinutes((i * 37 % 180) + 0.5).ToUnixTimeMilliseconds();
                records.Add(i % 10 == 9 ? $"broken record {id}" : $"{id},{ts}");
            }

            shards[$"shardId-00000000000{s}"] = records;
        }

        return shards;
    }

    /// <summary>An engine of the pipeline (11 rows per file unless <paramref name="buffering"/> says otherwise).</summary>
    public static PipelineEngine Engine(
        IShardedSource source,
        IObjectStore store,
        IShardStateStore state,
        ICatalog catalog,
        BufferingOptions? buffering = null,
        IPipelineObserver? observer = null,
        bool deadLetters = true,
        ILogger? logger = null) =>
        new(
            new PipelineDefinition
            {
                Name = "events",
                Database = "db",
                Table = "events",
                Partitioner = new HourPartitioner("ts"),
                Buffering = buffering ?? new BufferingOptions { MaxRows = 11, MaxAge = TimeSpan.FromHours(1) },
                DeadLettersEnabled = deadLetters,
            },
            source,
            new CsvLikeDecoder(),
            store,
            catalog,
            state,
            new ParquetDataFileWriter(ParquetCompression.Snappy),
            TimeProvider.System,
            observer,
            logger ?? NullLogger.Instance);
}

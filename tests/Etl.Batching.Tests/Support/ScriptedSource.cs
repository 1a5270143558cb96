using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Batching.Tests.Support;

/// <summary>
/// A bounded multi-shard stream held in memory: shard <c>s</c> holds records with sequence numbers 1..n. Reading
/// resumes after each shard's checkpoint in the given state store, in batches, interleaving shards.
/// </summary>
internal sealed class ScriptedSource(IShardStateStore state, IReadOnlyDictionary<string, IReadOnlyList<string>> shards, int batchSize = 7) : IShardedSource
{
    public string StreamName => "scripted";

    public static DateTimeOffset Arrival { get; } = new(2026, 11, 21, 8, 30, 0, TimeSpan.Zero);

    public async IAsyncEnumerable<SourceBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var shard in shards.Keys)
        {
            var s = await state.GetAsync(StreamName, shard, cancellationToken);
            next[shard] = s.ShardEnded ? int.MaxValue : s.Checkpoint is { } c ? int.Parse(c.SequenceNumber, CultureInfo.InvariantCulture) : 0;
        }

        var active = true;
        while (active)
        {
            active = false;
            foreach (var (shard, records) in shards)
            {
                if (next[shard] >= records.Count)
                {
                    continue;
                }

                active = true;
                var take = Math.Min(batchSize, records.Count - next[shard]);
                var batch = Enumerable.Range(next[shard], take).Select(i => Make(shard, i, records[i])).ToList();
                next[shard] += take;
                yield return new SourceBatch(shard, batch, ShardEnded: next[shard] >= records.Count);
            }
        }
    }

    public async IAsyncEnumerable<SourceRecord> ReadRangeAsync(string shardId, StreamPosition first, StreamPosition last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = shards[shardId];
        var from = int.Parse(first.SequenceNumber, CultureInfo.InvariantCulture) - 1;
        var to = int.Parse(last.SequenceNumber, CultureInfo.InvariantCulture) - 1;
        for (var i = from; i <= to; i++)
        {
            yield return Make(shardId, i, records[i]);
        }

        await Task.CompletedTask;
    }

    private static SourceRecord Make(string shard, int index, string text) =>
        new(Encoding.UTF8.GetBytes(text), "pk", new StreamPosition(shard, (index + 1).ToString(CultureInfo.InvariantCulture)), Arrival);
}

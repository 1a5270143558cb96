using Etl.Ingest.Leases;

namespace Etl.Ingest.Kinesis;

/// <summary>
/// Creates a lease for every shard of the stream that has none (KCL shard sync). A shard with a parent starts at
/// TRIM_HORIZON (children are read in full); an original shard starts at the configured initial position. A closed
/// shard is skipped when any of its descendants already has a lease: it was finished and cleaned up.
/// </summary>
internal sealed class ShardSyncer
{
    private readonly KinesisClient _client;
    private readonly ILeaseStore _store;
    private readonly KinesisSourceOptions _options;

    public ShardSyncer(KinesisClient client, ILeaseStore store, KinesisSourceOptions options)
    {
        _client = client;
        _store = store;
        _options = options;
    }

    /// <summary>Lists shards and creates missing leases; returns how many were created.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var shards = await _client.ListShardsAsync(_options.StreamName, null, cancellationToken).ConfigureAwait(false);
        var leases = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        var leased = leases.Select(l => l.LeaseKey).ToHashSet(StringComparer.Ordinal);
        var known = shards.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            foreach (var parent in shard.Parents)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(shard.ShardId);
            }
        }

        var created = 0;
        foreach (var shard in shards)
        {
            if (leased.Contains(shard.ShardId) || (shard.IsClosed && HasLeasedDescendant(shard.ShardId, children, leased)))
            {
                continue;
            }

            var hasKnownParent = shard.Parents.Any(p => known.Contains(p) || leased.Contains(p));
            var lease = new LeaseState
            {
                LeaseKey = shard.ShardId,
                Checkpoint = hasKnownParent ? LeaseCheckpoints.TrimHorizon : InitialCheckpoint(),
                ParentShardIds = shard.Parents,
                StartingHashKey = shard.StartingHashKey,
                EndingHashKey = shard.EndingHashKey,
            };
            if (await _store.CreateIfAbsentAsync(lease, cancellationToken).ConfigureAwait(false))
            {
                created++;
            }
        }

        return created;
    }

    private string InitialCheckpoint() => _options.InitialPosition switch
    {
        ShardIteratorType.Latest => LeaseCheckpoints.Latest,
        ShardIteratorType.AtTimestamp => LeaseCheckpoints.AtTimestamp,
        _ => LeaseCheckpoints.TrimHorizon,
    };

    private static bool HasLeasedDescendant(string shardId, Dictionary<string, List<string>> children, HashSet<string> leased)
    {
        var pending = new Stack<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        pending.Push(shardId);
        while (pending.Count > 0)
        {
            if (!children.TryGetValue(pending.Pop(), out var kids))
            {
                continue;
            }

            foreach (var kid in kids)
            {
                if (leased.Contains(kid))
                {
                    return true;
                }

                if (seen.Add(kid))
                {
                    pending.Push(kid);
                }
            }
        }

        return false;
    }
}

using Etl.Core.Contracts;

namespace Etl.Batching.Tests.Support;

/// <summary>Wraps a state store and fails every <c>n</c>th commit write (the file is uploaded, the checkpoint is not).</summary>
internal sealed class FaultyStateStore(IShardStateStore inner, int failEvery) : IShardStateStore
{
    private int _commits;

    public int Failures { get; private set; }

    public Task<ShardState> GetAsync(string streamName, string shardId, CancellationToken cancellationToken) => inner.GetAsync(streamName, shardId, cancellationToken);

    public Task RecordIntentAsync(string streamName, string shardId, CommitIntent intent, CancellationToken cancellationToken) =>
        inner.RecordIntentAsync(streamName, shardId, intent, cancellationToken);

    public Task CommitAsync(string streamName, string shardId, ShardState state, CancellationToken cancellationToken)
    {
        if (++_commits % failEvery == 0)
        {
            Failures++;
            throw new TimeoutException($"injected time-out of commit #{_commits} ({shardId})");
        }

        return inner.CommitAsync(streamName, shardId, state, cancellationToken);
    }
}

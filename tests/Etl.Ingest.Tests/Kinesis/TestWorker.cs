using System.Collections.Immutable;
using Etl.Core.Contracts;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Kinesis;

/// <summary>
/// An in-process worker: a lease coordinator, a <see cref="KinesisSource"/> and a consumer that "processes" each batch
/// into the ledger and checkpoints it through the source's state store, like the pipeline does.
/// <see cref="Kill"/> stops it without releasing its leases, like a crashed process.
/// </summary>
internal sealed class TestWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _run;

    public TestWorker(string id, KinesisClient kinesis, ILeaseStore store, LeaseCoordinatorOptions leaseOptions, KinesisSourceOptions sourceOptions, ProcessingLedger ledger)
    {
        Id = id;
        Coordinator = new LeaseCoordinator(store, id, leaseOptions, TimeProvider.System);
        Source = new KinesisSource(kinesis, Coordinator, store, sourceOptions);
        _run = Task.Run(() => ConsumeAsync(ledger, _cts.Token));
    }

    public string Id { get; }

    public LeaseCoordinator Coordinator { get; }

    public KinesisSource Source { get; }

    public Exception? Fault { get; private set; }

    public int LostCommits { get; private set; }

    public void Kill() => _cts.Cancel();

    private async Task ConsumeAsync(ProcessingLedger ledger, CancellationToken cancellationToken)
    {
        try
        {
            var known = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var batch in Source.ReadAsync(cancellationToken))
            {
                // Like the pipeline: read the shard's state when first seeing it (or again after losing it).
                if (known.Add(batch.ShardId))
                {
                    await Source.StateStore.GetAsync(Source.StreamName, batch.ShardId, cancellationToken);
                }

                foreach (var record in batch.Records)
                {
                    ledger.Processed(record, DateTimeOffset.UtcNow);
                }

                try
                {
                    if (batch.ShardEnded)
                    {
                        await Source.StateStore.CommitAsync(Source.StreamName, batch.ShardId, new ShardState(null, [], null, ShardEnded: true), cancellationToken);
                        ledger.Committed(batch.ShardId, batch.Records, shardEnded: true, DateTimeOffset.UtcNow);
                    }
                    else if (batch.Records.Count > 0)
                    {
                        var last = batch.Records[^1].Position;
                        await Source.StateStore.CommitAsync(Source.StreamName, batch.ShardId, new ShardState(last, ImmutableArray<CommittedSegment>.Empty, null), cancellationToken);
                        ledger.Committed(batch.ShardId, batch.Records, shardEnded: false, DateTimeOffset.UtcNow);
                    }
                }
                catch (LeaseLostException)
                {
                    LostCommits++;
                    known.Remove(batch.ShardId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Killed.
        }
        catch (Exception ex)
        {
            Fault = ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _run;
        Coordinator.Dispose();
        _cts.Dispose();
    }
}

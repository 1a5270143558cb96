using System.Collections.Immutable;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Leases;

public sealed class LeaseCoordinatorTests : IDisposable
{
    private static readonly LeaseCoordinatorOptions Short = new() { LeaseDuration = TimeSpan.FromMilliseconds(300) };
    private readonly string _dir = Directory.CreateTempSubdirectory("etl-coord-").FullName;
    private readonly FileLeaseStore _store;
    private readonly CancellationToken _ct = CancellationToken.None;

    public LeaseCoordinatorTests() => _store = new FileLeaseStore(Path.Combine(_dir, "leases.json"));

    private async Task SeedAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _store.CreateIfAbsentAsync(Some.Lease($"shardId-{i:D12}", counter: 0), _ct);
        }
    }

    private LeaseCoordinator Worker(string id, LeaseCoordinatorOptions? options = null) => new(_store, id, options ?? Short, TimeProvider.System, new Random(3));

    [Fact]
    public async Task TakePass_second_worker_steals_one_per_pass_until_balanced_and_first_loses_them()
    {
        await SeedAsync(4);
        // Leases that outlive the test: stealing here is by balance, and a busy machine must not let them expire.
        var slow = new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(30) };
        using var a = Worker("a", slow);
        using var b = Worker("b", slow);
        await a.TakePassAsync(_ct);
        Assert.Equal(4, a.OwnedLeases.Count);
        var tokens = a.OwnedLeases.ToDictionary(l => l.ShardId, l => l.Lost);

        await b.TakePassAsync(_ct);
        Assert.Single(b.OwnedLeases);
        await b.TakePassAsync(_ct);
        Assert.Equal(2, b.OwnedLeases.Count);
        await b.TakePassAsync(_ct);
        Assert.Equal(2, b.OwnedLeases.Count);

        await a.RenewAllAsync(_ct);
        Assert.Equal(2, a.OwnedLeases.Count);
        foreach (var stolen in b.OwnedLeases)
        {
            Assert.True(tokens[stolen.ShardId].IsCancellationRequested);
        }

        var stored = await _store.ListAsync(_ct);
        Assert.Equal(2, stored.Count(l => l.Owner == "a"));
        Assert.All(stored.Where(l => l.Owner == "b"), l => Assert.Equal(1, l.OwnerSwitchesSinceCheckpoint));
    }

    [Fact]
    public async Task CommitAsync_after_lease_stolen_returns_false_and_checkpoint_stays()
    {
        await SeedAsync(2);
        using var a = Worker("a");
        using var b = Worker("b");
        await a.TakePassAsync(_ct);
        await b.TakePassAsync(_ct);
        var stolen = Assert.Single(b.OwnedLeases).ShardId;

        var ok = await a.CommitAsync(stolen, new StreamPosition(stolen, "100"), null, _ct);

        Assert.False(ok);
        Assert.Equal(LeaseCheckpoints.TrimHorizon, (await _store.GetAsync(stolen, _ct))!.Checkpoint);
        Assert.DoesNotContain(a.OwnedLeases, l => l.ShardId == stolen);
    }

    [Fact]
    public async Task CommitAsync_moves_checkpoint_and_clears_intent_in_one_write()
    {
        await SeedAsync(1);
        using var a = Worker("a");
        await a.TakePassAsync(_ct);
        const string shard = "shardId-000000000000";
        Assert.True(await a.RecordIntentAsync(shard, """{"batch":7}""", _ct));
        var withIntent = await _store.GetAsync(shard, _ct);
        Assert.Equal("""{"batch":7}""", withIntent!.PendingIntent);

        Assert.True(await a.CommitAsync(shard, new StreamPosition(shard, "4242", 3), """{"segments":[]}""", _ct));

        var committed = await _store.GetAsync(shard, _ct);
        Assert.Equal(withIntent.Counter + 1, committed!.Counter);
        Assert.Equal("4242", committed.Checkpoint);
        Assert.Equal(3, committed.CheckpointSubSequenceNumber);
        Assert.Null(committed.PendingIntent);
        Assert.Equal("""{"segments":[]}""", committed.CommittedState);
        Assert.Equal(0, committed.OwnerSwitchesSinceCheckpoint);
    }

    [Fact]
    public async Task TakePass_lease_not_renewed_for_duration_is_taken_without_stealing()
    {
        await SeedAsync(3);
        using var a = Worker("a");
        using var b = Worker("b", new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromMilliseconds(300), MaxLeasesToStealAtOneTime = 0 });
        await a.TakePassAsync(_ct);
        await b.TakePassAsync(_ct);
        Assert.Empty(b.OwnedLeases);

        await Task.Delay(450);
        await b.TakePassAsync(_ct);

        Assert.Equal(3, b.OwnedLeases.Count);
        Assert.All(await _store.ListAsync(_ct), l => Assert.Equal("b", l.Owner));
    }

    [Fact]
    public async Task RenewAll_after_local_expiry_drops_lease_before_others_can_take_it()
    {
        await SeedAsync(1);
        using var a = Worker("a");
        await a.TakePassAsync(_ct);
        var lost = a.OwnedLeases[0].Lost;
        await Task.Delay(400);

        await a.RenewAllAsync(_ct);

        Assert.Empty(a.OwnedLeases);
        Assert.True(lost.IsCancellationRequested);
    }

    [Fact]
    public async Task RenewAll_within_duration_keeps_lease_and_increments_counter()
    {
        await SeedAsync(1);
        using var a = Worker("a", new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(5) });
        await a.TakePassAsync(_ct);
        await a.RenewAllAsync(_ct);
        await a.RenewAllAsync(_ct);
        Assert.Single(a.OwnedLeases);
        Assert.Equal(3, (await _store.GetAsync("shardId-000000000000", _ct))!.Counter);
    }

    [Fact]
    public async Task TakePass_finished_parent_deleted_once_children_started()
    {
        await _store.CreateIfAbsentAsync(Some.Lease("parent", counter: 0), _ct);
        await _store.CreateIfAbsentAsync(Some.Lease("child", counter: 0) with { ParentShardIds = ["parent"] }, _ct);
        using var a = Worker("a", new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(5) });
        await a.TakePassAsync(_ct);
        Assert.True(await a.CommitShardEndAsync("parent", _ct));
        await a.TakePassAsync(_ct);
        Assert.NotNull(await _store.GetAsync("parent", _ct));

        Assert.True(await a.CommitAsync("child", new StreamPosition("child", "5"), null, _ct));
        await a.TakePassAsync(_ct);

        Assert.Null(await _store.GetAsync("parent", _ct));
        Assert.Equal(["child"], a.OwnedLeases.Select(l => l.ShardId));
    }

    [Fact]
    public async Task ReleaseAll_clears_owner_so_another_worker_takes_at_once()
    {
        await SeedAsync(2);
        using var a = Worker("a");
        using var b = Worker("b");
        await a.TakePassAsync(_ct);
        await b.TakePassAsync(_ct);
        await a.ReleaseAllAsync(_ct);
        Assert.Empty(a.OwnedLeases);
        await b.TakePassAsync(_ct);
        Assert.Equal(2, b.OwnedLeases.Count);
    }

    [Fact]
    public async Task StateStore_round_trips_intent_and_segments_and_throws_when_lost()
    {
        await SeedAsync(1);
        using var a = Worker("a", new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(5) });
        await a.TakePassAsync(_ct);
        const string shard = "shardId-000000000000";
        var state = new LeaseShardStateStore(a.Checkpointer, "stream");
        var intent = new CommitIntent("dt=2026-11-21/hr=08", new StreamPosition(shard, "10"), new StreamPosition(shard, "20", 1), "data/part-1.parquet", 11);
        await state.RecordIntentAsync("stream", shard, intent, _ct);
        Assert.Equal(intent, (await state.GetAsync("stream", shard, _ct)).Intent);

        var segment = new CommittedSegment("dt=2026-11-21/hr=09", new StreamPosition(shard, "21"), new StreamPosition(shard, "30"), "data/part-2.parquet");
        await state.CommitAsync("stream", shard, new ShardState(new StreamPosition(shard, "20", 1), [segment], null), _ct);
        var read = await state.GetAsync("stream", shard, _ct);
        Assert.Null(read.Intent);
        Assert.Equal(new StreamPosition(shard, "20", 1), read.Checkpoint);
        Assert.Equal(segment, Assert.Single(read.Segments));
        Assert.True(read.IsCommitted("dt=2026-11-21/hr=09", new StreamPosition(shard, "25")));

        // Another worker takes the lease (a conditional write on the current counter).
        var current = (await _store.GetAsync(shard, _ct))!;
        Assert.NotNull(await _store.UpdateAsync(current, current with { Owner = "b" }, _ct));
        var ex = await Assert.ThrowsAsync<LeaseLostException>(() => state.CommitAsync("stream", shard, new ShardState(new StreamPosition(shard, "40"), ImmutableArray<CommittedSegment>.Empty, null), _ct));
        Assert.Equal(shard, ex.ShardId);
        await Assert.ThrowsAsync<ArgumentException>(() => state.GetAsync("other-stream", shard, _ct));
    }

    [Fact]
    public async Task StateStore_lease_lost_and_taken_again_refuses_writes_from_the_old_view()
    {
        await SeedAsync(1);
        const string shard = "shardId-000000000000";
        using var a = Worker("a", new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(5) });
        await a.TakePassAsync(_ct);
        var firstHolding = a.OwnedLeases.Single().Holding;
        var stale = new List<string>();
        var state = new LeaseShardStateStore(a.Checkpointer, "stream", onStaleView: stale.Add);
        await state.GetAsync("stream", shard, _ct);

        // Evicted by someone else, then taken again by the same worker: a new holding.
        var current = (await _store.GetAsync(shard, _ct))!;
        await _store.UpdateAsync(current, current with { Owner = null }, _ct);
        await a.RenewAllAsync(_ct);
        Assert.Empty(a.OwnedLeases);
        await a.TakePassAsync(_ct);
        Assert.NotEqual(firstHolding, a.OwnedLeases.Single().Holding);

        await Assert.ThrowsAsync<LeaseLostException>(() => state.CommitAsync("stream", shard, new ShardState(new StreamPosition(shard, "9"), [], null), _ct));
        Assert.Equal([shard], stale);
        Assert.Equal(LeaseCheckpoints.TrimHorizon, (await _store.GetAsync(shard, _ct))!.Checkpoint);

        // After reading the state again the pipeline may write.
        await state.GetAsync("stream", shard, _ct);
        await state.CommitAsync("stream", shard, new ShardState(new StreamPosition(shard, "9"), [], null), _ct);
        Assert.Equal("9", (await _store.GetAsync(shard, _ct))!.Checkpoint);
    }

    [Fact]
    public void Options_invalid_values_name_the_setting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromMilliseconds(10) }.Validate());
        Assert.Contains("LeaseDuration", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

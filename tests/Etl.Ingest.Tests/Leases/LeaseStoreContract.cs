using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Leases;

/// <summary>Behaviour every <see cref="ILeaseStore"/> must have (run against the file store and DynamoDB/dynalite).</summary>
public abstract class LeaseStoreContract
{
    protected abstract Task<ILeaseStore> CreateStoreAsync();

    [Fact]
    public async Task Store_create_twice_second_is_refused()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.CreateIfAbsentAsync(Some.Lease("s-1", counter: 0), CancellationToken.None));
        Assert.False(await store.CreateIfAbsentAsync(Some.Lease("s-1", "x", counter: 5), CancellationToken.None));
        Assert.Null((await store.GetAsync("s-1", CancellationToken.None))!.Owner);
    }

    [Fact]
    public async Task Store_update_with_current_counter_increments_and_keeps_every_attribute()
    {
        var store = await CreateStoreAsync();
        var created = Some.Lease("s-2", counter: 0) with { ParentShardIds = ["p-1", "p-0"], StartingHashKey = "0", EndingHashKey = "99" };
        await store.CreateIfAbsentAsync(created, CancellationToken.None);
        var updated = created with
        {
            Owner = "w",
            Checkpoint = "49590338271490256608559692538361571095921575989136588898",
            CheckpointSubSequenceNumber = 3,
            OwnerSwitchesSinceCheckpoint = 2,
            ChildShardIds = ["c-1"],
            PendingIntent = """{"k":"v"}""",
            CommittedState = "[]",
        };
        var written = await store.UpdateAsync(created, updated, CancellationToken.None);
        Assert.Equal(1, written!.Counter);
        var read = await store.GetAsync("s-2", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal("w", read.Owner);
        Assert.Equal(1, read.Counter);
        Assert.Equal(updated.Checkpoint, read.Checkpoint);
        Assert.Equal(3, read.CheckpointSubSequenceNumber);
        Assert.Equal(2, read.OwnerSwitchesSinceCheckpoint);
        Assert.Equal(["p-0", "p-1"], read.ParentShardIds.Order(StringComparer.Ordinal));
        Assert.Equal(["c-1"], read.ChildShardIds);
        Assert.Equal("99", read.EndingHashKey);
        Assert.Equal("""{"k":"v"}""", read.PendingIntent);
        Assert.Equal("[]", read.CommittedState);
    }

    [Fact]
    public async Task Store_update_with_stale_counter_fails_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var created = Some.Lease("s-3", counter: 0);
        await store.CreateIfAbsentAsync(created, CancellationToken.None);
        var first = await store.UpdateAsync(created, created with { Owner = "a" }, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await store.UpdateAsync(created, created with { Owner = "b" }, CancellationToken.None));
        Assert.Equal("a", (await store.GetAsync("s-3", CancellationToken.None))!.Owner);
    }

    [Fact]
    public async Task Store_update_clearing_optional_attributes_removes_them()
    {
        var store = await CreateStoreAsync();
        var created = Some.Lease("s-4", "w", 0) with { PendingIntent = "{}" };
        await store.CreateIfAbsentAsync(created, CancellationToken.None);
        await store.UpdateAsync(created, created with { Owner = null, PendingIntent = null }, CancellationToken.None);
        var read = await store.GetAsync("s-4", CancellationToken.None);
        Assert.Null(read!.Owner);
        Assert.Null(read.PendingIntent);
    }

    [Fact]
    public async Task Store_delete_is_conditional_on_counter()
    {
        var store = await CreateStoreAsync();
        var created = Some.Lease("s-5", counter: 0);
        await store.CreateIfAbsentAsync(created, CancellationToken.None);
        var written = await store.UpdateAsync(created, created, CancellationToken.None);
        Assert.False(await store.DeleteAsync(created, CancellationToken.None));
        Assert.True(await store.DeleteAsync(written!, CancellationToken.None));
        Assert.Null(await store.GetAsync("s-5", CancellationToken.None));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Store_list_returns_every_lease()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 12; i++)
        {
            await store.CreateIfAbsentAsync(Some.Lease($"shardId-{i:D12}", counter: 0), CancellationToken.None);
        }

        var all = await store.ListAsync(CancellationToken.None);
        Assert.Equal(12, all.Select(l => l.LeaseKey).Distinct().Count());
    }
}

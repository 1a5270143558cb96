using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Leases;

public sealed class FileLeaseStoreTests : LeaseStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("etl-lease-store-").FullName;

    protected override Task<ILeaseStore> CreateStoreAsync() =>
        Task.FromResult<ILeaseStore>(new FileLeaseStore(Path.Combine(_dir, Guid.NewGuid().ToString("N"), "leases.json")));

    [Fact]
    public async Task FileStore_second_instance_on_same_file_sees_writes()
    {
        var path = Path.Combine(_dir, "shared.json");
        var one = new FileLeaseStore(path);
        var two = new FileLeaseStore(path);
        await one.CreateIfAbsentAsync(Some.Lease("s-1", counter: 0), CancellationToken.None);
        var written = await one.UpdateAsync(Some.Lease("s-1", counter: 0), Some.Lease("s-1", "w1", 0), CancellationToken.None);
        Assert.NotNull(written);
        var seen = await two.GetAsync("s-1", CancellationToken.None);
        Assert.Equal("w1", seen!.Owner);
        Assert.Equal(1, seen.Counter);
        Assert.Contains("\"leaseOwner\": \"w1\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

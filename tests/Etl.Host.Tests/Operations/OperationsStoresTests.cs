using Etl.Batching.Storage.Folder;
using Etl.Host.Configuration;
using Etl.Host.Tests.Support;
using Etl.Host.Operations;
using Etl.Host.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Tests.Operations;

/// <summary>The operations jobs work where each pipeline writes: its own output folder and dead-letter prefix.</summary>
public sealed class OperationsStoresTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-ops-stores-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private EtlOptions Options() => TwoPipelineOptions.Create(_root);

    private static async Task PutAsync(FolderObjectStore store, string key)
    {
        using var content = new MemoryStream([1, 2, 3]);
        await store.PutAsync(key, content, CancellationToken.None);
    }

    [Fact]
    public void From_pipelineWithItsOwnFolder_getsTheStoreOverThatFolder()
    {
        var shared = new FolderObjectStore(Path.Combine(_root, "data"));
        var tables = OperationsTable.From(Options(), new PipelineStores(Options(), shared));

        Assert.Same(shared, tables.Single(t => t.Definition.Table == "shared").Store);
        Assert.Equal(new FolderObjectStore(Path.Combine(_root, "elsewhere")).Location, tables.Single(t => t.Definition.Table == "own").Store.Location);
    }

    [Fact]
    public async Task Purger_deletesOldDeadLettersUnderEachPipelinesPrefixInItsStore()
    {
        var shared = new FolderObjectStore(Path.Combine(_root, "data"));
        var own = new FolderObjectStore(Path.Combine(_root, "elsewhere"));
        await PutAsync(shared, "deadletter/shared/dt=2026-11-01-00/a.jsonl");
        await PutAsync(own, "rejects/own/dt=2026-11-01-00/b.jsonl");
        await PutAsync(own, "warehouse/db/own/dt=2026-11-01-00/c.parquet");
        var tables = OperationsTable.From(Options(), new PipelineStores(Options(), shared));
        var time = new Etl.Host.Tests.Service.ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(30));

        var deleted = await new DeadLetterPurger(tables, new OperationsOptions(), time, NullLogger<DeadLetterPurger>.Instance).RunAsync(CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.False(await shared.ExistsAsync("deadletter/shared/dt=2026-11-01-00/a.jsonl", CancellationToken.None));
        Assert.False(await own.ExistsAsync("rejects/own/dt=2026-11-01-00/b.jsonl", CancellationToken.None));
        Assert.True(await own.ExistsAsync("warehouse/db/own/dt=2026-11-01-00/c.parquet", CancellationToken.None));
    }
}

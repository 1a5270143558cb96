using Etl.Batching.Storage.Folder;
using Etl.Catalog.Folder;
using Etl.Core.Contracts;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Etl.Ingest.Local;

namespace Etl.Host.DeadLetters;

/// <summary>
/// Where the dead-letter commands work, by <c>Etl:Mode</c>: in local mode the data root's objects, catalog and state
/// folders; in AWS mode the pipelines' S3 bucket and prefix, their catalog (<c>Etl:Aws:Catalog</c>), and replay state
/// kept beside the data in S3 under <c>replay-state/</c> (so a replay run from any machine sees earlier ones).
/// </summary>
internal sealed class DeadLetterEnvironment : IAsyncDisposable
{
    /// <summary>Key prefix of replay state in AWS mode.</summary>
    public const string ReplayStatePrefix = "replay-state/";

    private readonly AwsComponents? _aws;
    private readonly Func<string, CancellationToken, Task<IAsyncDisposable?>> _lock;
    private IAsyncDisposable? _held;

    private DeadLetterEnvironment(EtlOptions options, IObjectStore store, Func<ICatalog> catalog, IShardStateStore state, AwsComponents? aws, Func<string, CancellationToken, Task<IAsyncDisposable?>> exclusive)
    {
        Store = store;
        Stores = new PipelineStores(options, store, aws is null ? null : aws.CreateObjectStore);
        Roots = [.. PipelineFactory.Expand(options)
            .Select(p => (Store: Stores.For(p), Prefix: p.DeadLetters.Prefix.TrimEnd('/') + "/"))
            .DistinctBy(r => (r.Store.Location, r.Prefix))];
        Catalog = new Lazy<ICatalog>(catalog);
        State = state;
        _aws = aws;
        _lock = exclusive;
    }

    /// <summary>The shared store (pipelines without an output location of their own; replay state in AWS mode).</summary>
    public IObjectStore Store { get; }

    /// <summary>Each pipeline's store.</summary>
    public PipelineStores Stores { get; }

    /// <summary>The dead-letter roots of the configured pipelines: (store, prefix such as <c>deadletter/</c>), distinct.</summary>
    public IReadOnlyList<(IObjectStore Store, string Prefix)> Roots { get; }

    public Lazy<ICatalog> Catalog { get; }

    public IShardStateStore State { get; }

    /// <summary>Opens the environment of <paramref name="options"/>' mode.</summary>
    /// <param name="objectStore">Local mode only: builds the object store over the objects folder (default: the folder store).</param>
    public static DeadLetterEnvironment Open(EtlOptions options, TimeProvider time, Func<string, IObjectStore>? objectStore = null)
    {
        var paths = new LocalPaths(options.DataRoot);
        if (!string.Equals(options.Mode, "Aws", StringComparison.Ordinal))
        {
            var store = objectStore?.Invoke(paths.Objects) ?? new FolderObjectStore(paths.Objects);
            return new DeadLetterEnvironment(options, store, () => new FolderCatalog(paths.Catalog, time), new FileShardStateStore(paths.State), null, (_, _) => Task.FromResult<IAsyncDisposable?>(null));
        }

        var aws = new AwsComponents(options.Aws, PipelineCatalogSettings.Glue(options));
        var s3 = aws.CreateObjectStore();
        var state = new ObjectShardStateStore(s3, ReplayStatePrefix, time);
        return new DeadLetterEnvironment(
            options,
            s3,
            () => string.Equals(options.Aws.Catalog, "Folder", StringComparison.Ordinal) ? new FolderCatalog(paths.Catalog, time) : aws.CreateGlueCatalog(),
            state,
            aws,
            async (stream, token) => await state.AcquireAsync(stream, Environment.MachineName + "/" + Environment.ProcessId, token));
    }

    /// <summary>Makes this process the only writer of <paramref name="stream"/>'s state until disposed (AWS mode).</summary>
    public async Task ExclusiveAsync(string stream, CancellationToken token) => _held = await _lock(stream, token);

    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync();
        }

        Stores.Dispose();
        _aws?.Dispose();
    }
}

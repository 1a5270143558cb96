using Etl.Batching.Storage.Folder;
using Etl.Core.Contracts;

namespace Etl.Host.Tests.DeadLetters;

/// <summary>
/// A folder store whose first Parquet upload completes and then fails, as if the process died between the upload
/// and the checkpoint write: the commit intent stays recorded and the object exists.
/// </summary>
internal sealed class CrashAfterUploadStore(string root) : IObjectStore
{
    private readonly FolderObjectStore _inner = new(root);
    private bool _crashed;

    public string Location => _inner.Location;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        await _inner.PutAsync(key, content, cancellationToken);
        if (!_crashed && key.EndsWith(".parquet", StringComparison.Ordinal))
        {
            _crashed = true;
            throw new IOException("injected crash after uploading " + key);
        }
    }

    public Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken) => _inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task<Stream?> GetAsync(string key, CancellationToken cancellationToken) => _inner.GetAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => _inner.ExistsAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => _inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => _inner.ListAsync(prefix, cancellationToken);
}

using Etl.Core.Contracts;

namespace Etl.Batching.Tests.Support;

/// <summary>Wraps a store and fails every <c>n</c>th put (before writing anything), like a flaky S3 endpoint.</summary>
internal sealed class FaultyObjectStore(IObjectStore inner, int failEvery) : IObjectStore
{
    private int _puts;

    public int Failures { get; private set; }

    public string Location => inner.Location;

    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        if (++_puts % failEvery == 0)
        {
            Failures++;
            throw new IOException($"injected failure of put #{_puts} ({key})");
        }

        return inner.PutAsync(key, content, cancellationToken);
    }

    public Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task<Stream?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
}

namespace Etl.SchemaGovernance.Registry;

/// <summary>
/// The single-writer lock of a registry folder: a semaphore for this process, and an exclusively opened lock file for other
/// processes (the operating system releases it if the process dies). Waits up to a timeout, then fails with
/// <see cref="SchemaRegistryErrorCode.ConcurrentModification"/>.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly string _lockPath;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public FolderLock(string lockPath, TimeSpan timeout, TimeProvider timeProvider)
    {
        _lockPath = lockPath;
        _timeout = timeout;
        _timeProvider = timeProvider;
    }

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!await _semaphore.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false))
        {
            throw TimedOut();
        }

        try
        {
            var started = _timeProvider.GetTimestamp();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var file = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                    return new Held(this, file);
                }
                catch (IOException) when (_timeProvider.GetElapsedTime(started) < _timeout)
                {
                    await Task.Delay(RetryDelay, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw TimedOut(e);
                }
            }
        }
        catch
        {
            _semaphore.Release();
            throw;
        }
    }

    public void Dispose() => _semaphore.Dispose();

    private SchemaRegistryException TimedOut(Exception? inner = null) =>
        new(SchemaRegistryErrorCode.ConcurrentModification,
            $"The schema registry is locked by another writer; gave up after {_timeout.TotalSeconds:0.#} s.", inner);

    private sealed class Held(FolderLock owner, FileStream file) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await file.DisposeAsync().ConfigureAwait(false);
                owner._semaphore.Release();
            }
        }
    }
}

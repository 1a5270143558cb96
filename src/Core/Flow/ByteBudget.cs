namespace Etl.Core.Flow;

/// <summary>
/// An async byte budget: readers acquire the size of a batch before queueing it and the consumer releases it when it
/// takes the batch, so buffered data stays under the budget while downstream is slow. A batch larger than the whole
/// budget is admitted when nothing else is buffered.
/// </summary>
public sealed class ByteBudget
{
    private readonly object _gate = new();
    private readonly long _capacity;
    private long _used;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ByteBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>The budget.</summary>
    public long Capacity => _capacity;

    public long Used
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    public async ValueTask AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_used == 0 || _used + bytes <= _capacity)
                {
                    _used += bytes;
                    return;
                }

                wait = _released.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Release(long bytes)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _used -= bytes;
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }
}

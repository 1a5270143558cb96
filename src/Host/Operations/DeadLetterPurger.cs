using Etl.Core.Contracts;
using Etl.Core.Telemetry;
using Etl.Host.DeadLetters;

namespace Etl.Host.Operations;

/// <summary>
/// Dead-letter retention: deletes dead-letter objects (under <c>deadletter/</c>) last modified more than
/// <see cref="OperationsOptions.DeadLetterRetention"/> ago. Deleting is idempotent; younger objects are kept.
/// </summary>
internal sealed class DeadLetterPurger(IObjectStore store, OperationsOptions options, TimeProvider time, ILogger<DeadLetterPurger> logger)
{
    /// <summary>Deletes what is past the retention; returns the number of objects deleted.</summary>
    public async Task<int> RunAsync(CancellationToken token)
    {
        var cutoff = time.GetUtcNow() - options.DeadLetterRetention;
        var old = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(DeadLetterInventory.RootPrefix, token))
        {
            if (info.LastModified < cutoff)
            {
                old.Add(info);
            }
        }

        foreach (var info in old)
        {
            await store.DeleteAsync(info.Key, token);
            LogMessages.PurgeObjectDeleted(logger, info.Key, info.LastModified);
        }

        LogMessages.PurgeFinished(logger, old.Count, cutoff, options.DeadLetterRetention);
        return old.Count;
    }
}

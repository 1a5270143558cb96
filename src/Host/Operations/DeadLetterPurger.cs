using Etl.Core.Contracts;
using Etl.Core.Telemetry;

namespace Etl.Host.Operations;

/// <summary>
/// Dead-letter retention: deletes dead-letter objects last modified more than
/// <see cref="OperationsOptions.DeadLetterRetention"/> ago, under each configured pipeline's dead-letter prefix
/// (<c>DeadLetters:Prefix</c>, default <c>deadletter/</c>) in the store it writes to. Deleting is idempotent; younger
/// objects are kept.
/// </summary>
internal sealed class DeadLetterPurger(IReadOnlyList<OperationsTable> tables, OperationsOptions options, TimeProvider time, ILogger<DeadLetterPurger> logger)
{
    /// <summary>Deletes what is past the retention; returns the number of objects deleted.</summary>
    public async Task<int> RunAsync(CancellationToken token)
    {
        var cutoff = time.GetUtcNow() - options.DeadLetterRetention;
        var old = new List<(IObjectStore Store, ObjectInfo Info)>();
        var roots = tables
            .Select(t => (t.Store, Prefix: t.Definition.DeadLetterPrefix.TrimEnd('/') + "/"))
            .DistinctBy(r => (r.Store.Location, r.Prefix));
        foreach (var (store, prefix) in roots)
        {
            await foreach (var info in store.ListAsync(prefix, token))
            {
                if (info.LastModified < cutoff)
                {
                    old.Add((store, info));
                }
            }
        }

        foreach (var (store, info) in old)
        {
            await store.DeleteAsync(info.Key, token);
            LogMessages.PurgeObjectDeleted(logger, info.Key, info.LastModified);
        }

        LogMessages.PurgeFinished(logger, old.Count, cutoff, options.DeadLetterRetention);
        return old.Count;
    }
}

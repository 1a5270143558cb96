using Etl.Batching.DeadLetters;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Host.DeadLetters;

/// <summary>Finds and reads dead-letter objects (JSON lines of envelopes) in an object store.</summary>
internal static class DeadLetterInventory
{
    /// <summary>The file extension of dead-letter objects.</summary>
    public const string Extension = ".jsonl";

    /// <summary>The key prefix of every table's dead letters (the pipelines' <c>DeadLetterPrefix</c>).</summary>
    public const string RootPrefix = "deadletter/";

    /// <summary>
    /// The dead-letter objects under <paramref name="prefix"/>, in key order, with their summaries; with
    /// <paramref name="reason"/>, only objects holding at least one record of that kind.
    /// </summary>
    public static async Task<IReadOnlyList<DeadLetterObjectSummary>> ListAsync(IObjectStore store, string prefix, DeadLetterKind? reason, CancellationToken token)
    {
        var result = new List<DeadLetterObjectSummary>();
        await foreach (var info in store.ListAsync(prefix, token))
        {
            if (!info.Key.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            var envelopes = await ReadAsync(store, info.Key, token);
            if (envelopes is null)
            {
                continue;
            }

            var summary = DeadLetterObjectSummary.Of(info, envelopes);
            if (reason is null || summary.ByReason.ContainsKey(reason.Value))
            {
                result.Add(summary);
            }
        }

        return result;
    }

    /// <summary>The envelopes of one object, or null when it does not exist.</summary>
    public static async Task<IReadOnlyList<DeadLetterRecord>?> ReadAsync(IObjectStore store, string key, CancellationToken token)
    {
        var stream = await store.GetAsync(key, token);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            try
            {
                return DeadLetterSerializer.ReadLines(stream);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{key}: {e.Message}", e);
            }
        }
    }
}

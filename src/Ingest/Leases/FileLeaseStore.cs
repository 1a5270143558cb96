using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Etl.Ingest.Leases;

/// <summary>
/// Leases in one JSON file (local mode), with the KCL attribute names. Each operation holds an exclusive lock file
/// beside the JSON file (so several processes on one machine can share it) and rewrites the file atomically
/// (temporary file, then rename). Conditional semantics are the same as DynamoDB's.
/// </summary>
public sealed class FileLeaseStore : ILeaseStore
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ProcessLocks = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly string _lockPath;
    private readonly SemaphoreSlim _processLock;
    private readonly TimeProvider _time;

    /// <param name="path">The lease file (created on first use, folder included).</param>
    /// <param name="time">Clock for lock-wait timeouts.</param>
    public FileLeaseStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _lockPath = _path + ".lock";
        _processLock = ProcessLocks.GetOrAdd(_path, _ => new SemaphoreSlim(1, 1));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long an operation waits for another process's lock before failing. Default 10 s.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        WithFileAsync(items => (false, 0), cancellationToken);

    public Task<IReadOnlyList<LeaseState>> ListAsync(CancellationToken cancellationToken) =>
        WithFileAsync(items => (false, (IReadOnlyList<LeaseState>)items.Values.Select(i => i.ToLease()).ToList()), cancellationToken);

    public Task<LeaseState?> GetAsync(string leaseKey, CancellationToken cancellationToken) =>
        WithFileAsync(items => (false, items.TryGetValue(leaseKey, out var i) ? i.ToLease() : null), cancellationToken);

    public Task<bool> CreateIfAbsentAsync(LeaseState lease, CancellationToken cancellationToken) =>
        WithFileAsync(
            items =>
            {
                if (items.ContainsKey(lease.LeaseKey))
                {
                    return (false, false);
                }

                items[lease.LeaseKey] = LeaseFileItem.From(lease);
                return (true, true);
            },
            cancellationToken);

    public Task<LeaseState?> UpdateAsync(LeaseState expected, LeaseState updated, CancellationToken cancellationToken) =>
        WithFileAsync(
            items =>
            {
                if (!items.TryGetValue(expected.LeaseKey, out var stored) || stored.LeaseCounter != expected.Counter)
                {
                    return (false, (LeaseState?)null);
                }

                var written = updated with { LeaseKey = expected.LeaseKey, Counter = expected.Counter + 1 };
                items[expected.LeaseKey] = LeaseFileItem.From(written);
                return (true, written);
            },
            cancellationToken);

    public Task<bool> DeleteAsync(LeaseState expected, CancellationToken cancellationToken) =>
        WithFileAsync(
            items => items.TryGetValue(expected.LeaseKey, out var stored) && stored.LeaseCounter == expected.Counter
                ? (items.Remove(expected.LeaseKey), true)
                : (false, false),
            cancellationToken);

    private async Task<T> WithFileAsync<T>(Func<SortedDictionary<string, LeaseFileItem>, (bool Changed, T Result)> action, CancellationToken cancellationToken)
    {
        await _processLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            await using var fileLock = await AcquireFileLockAsync(cancellationToken).ConfigureAwait(false);
            var items = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var (changed, result) = action(items);
            if (changed || !File.Exists(_path))
            {
                await WriteAsync(items, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            _processLock.Release();
        }
    }

    private async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                // The lock file stays: deleting it on close would let two processes lock different files.
                return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (_time.GetElapsedTime(started) < LockTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<SortedDictionary<string, LeaseFileItem>> ReadAsync(CancellationToken cancellationToken)
    {
        var items = new SortedDictionary<string, LeaseFileItem>(StringComparer.Ordinal);
        if (!File.Exists(_path))
        {
            return items;
        }

        var stream = File.OpenRead(_path);
        await using (stream.ConfigureAwait(false))
        {
            var file = await JsonSerializer.DeserializeAsync(stream, LeaseFileJson.Default.LeaseFile, cancellationToken).ConfigureAwait(false);
            foreach (var item in file?.Leases ?? [])
            {
                items[item.LeaseKey] = item;
            }
        }

        return items;
    }

    private async Task WriteAsync(SortedDictionary<string, LeaseFileItem> items, CancellationToken cancellationToken)
    {
        var temp = _path + ".tmp";
        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, new LeaseFile { Leases = [.. items.Values] }, LeaseFileJson.Default.LeaseFile, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, _path, overwrite: true);
    }
}

/// <summary>The lease file's root object.</summary>
internal sealed class LeaseFile
{
    [JsonPropertyName("leases")]
    public List<LeaseFileItem> Leases { get; init; } = [];
}

/// <summary>One lease in the file, with the KCL attribute names.</summary>
internal sealed class LeaseFileItem
{
    [JsonPropertyName("leaseKey")]
    public required string LeaseKey { get; init; }

    [JsonPropertyName("leaseOwner")]
    public string? LeaseOwner { get; init; }

    [JsonPropertyName("leaseCounter")]
    public long LeaseCounter { get; init; }

    [JsonPropertyName("checkpoint")]
    public string Checkpoint { get; init; } = LeaseCheckpoints.TrimHorizon;

    [JsonPropertyName("checkpointSubSequenceNumber")]
    public long CheckpointSubSequenceNumber { get; init; }

    [JsonPropertyName("ownerSwitchesSinceCheckpoint")]
    public long OwnerSwitchesSinceCheckpoint { get; init; }

    [JsonPropertyName("parentShardId")]
    public List<string>? ParentShardId { get; init; }

    [JsonPropertyName("childShardIds")]
    public List<string>? ChildShardIds { get; init; }

    [JsonPropertyName("startingHashKey")]
    public string? StartingHashKey { get; init; }

    [JsonPropertyName("endingHashKey")]
    public string? EndingHashKey { get; init; }

    [JsonPropertyName(LeaseAttributes.PendingIntent)]
    public string? PendingIntent { get; init; }

    [JsonPropertyName(LeaseAttributes.CommittedState)]
    public string? CommittedState { get; init; }

    public static LeaseFileItem From(LeaseState l) => new()
    {
        LeaseKey = l.LeaseKey,
        LeaseOwner = l.Owner,
        LeaseCounter = l.Counter,
        Checkpoint = l.Checkpoint,
        CheckpointSubSequenceNumber = l.CheckpointSubSequenceNumber,
        OwnerSwitchesSinceCheckpoint = l.OwnerSwitchesSinceCheckpoint,
        ParentShardId = l.ParentShardIds.Count == 0 ? null : [.. l.ParentShardIds],
        ChildShardIds = l.ChildShardIds.Count == 0 ? null : [.. l.ChildShardIds],
        StartingHashKey = l.StartingHashKey,
        EndingHashKey = l.EndingHashKey,
        PendingIntent = l.PendingIntent,
        CommittedState = l.CommittedState,
    };

    public LeaseState ToLease() => new()
    {
        LeaseKey = LeaseKey,
        Owner = LeaseOwner,
        Counter = LeaseCounter,
        Checkpoint = Checkpoint,
        CheckpointSubSequenceNumber = CheckpointSubSequenceNumber,
        OwnerSwitchesSinceCheckpoint = OwnerSwitchesSinceCheckpoint,
        ParentShardIds = ParentShardId ?? [],
        ChildShardIds = ChildShardIds ?? [],
        StartingHashKey = StartingHashKey,
        EndingHashKey = EndingHashKey,
        PendingIntent = PendingIntent,
        CommittedState = CommittedState,
    };
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LeaseFile))]
internal sealed partial class LeaseFileJson : JsonSerializerContext;

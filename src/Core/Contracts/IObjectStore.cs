namespace Etl.Core.Contracts;

/// <summary>Metadata of one stored object.</summary>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified);

/// <summary>
/// A flat key/value object store (S3, or a folder in local mode). Keys use '/' separators. Writes of a key are
/// atomic: readers see the whole object or nothing. Implementations retry transient faults themselves and throw
/// for the rest; the commit protocol above them is idempotent, so a retried put of the same key is safe.
/// </summary>
public interface IObjectStore
{
    /// <summary>A description for logs, e.g. <c>s3://bucket/prefix</c> or <c>file:///var/lib/etl/data</c>.</summary>
    string Location { get; }

    /// <summary>Stores the stream's content under the key, replacing any existing object.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Stores only if the key does not exist yet; returns false (and writes nothing) if it does.</summary>
    Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading, or returns null if it does not exist.</summary>
    Task<Stream?> GetAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lists objects whose key starts with the prefix, in key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);
}

using System.Runtime.CompilerServices;
using Etl.Core.Contracts;

namespace Etl.Batching.Storage.Folder;

/// <summary>
/// An object store in a local folder (local mode). A put writes a hidden temporary file (name starting with '.', so
/// query engines skip it) in the target folder, flushes it to disk and renames it over the key: readers see the
/// whole object or nothing, and a crash leaves at most a hidden temporary file.
/// </summary>
public sealed class FolderObjectStore : IObjectStore
{
    private readonly string _root;

    public FolderObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Location => new Uri(_root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar).AbsoluteUri;

    /// <summary>The absolute path of a key.</summary>
    public string PathOf(string key)
    {
        if (string.IsNullOrEmpty(key) || key.StartsWith('/') || key.Contains("..", StringComparison.Ordinal) || key.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid object key '{key}'", nameof(key));
        }

        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var temp = await WriteTempAsync(path, content, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return false;
        }

        var temp = await WriteTempAsync(path, content, cancellationToken);
        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    public Task<Stream?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The deepest folder fully named by the prefix bounds the walk.
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _root : PathOf(prefix[..slash]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var keys = new List<ObjectInfo>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            var info = new FileInfo(file);
            keys.Add(new ObjectInfo(key, info.Length, info.LastWriteTimeUtc));
        }

        keys.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var item in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }

    private static async Task<string> WriteTempAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }

        return temp;
    }
}

using System.Text;

namespace Etl.SchemaGovernance.Registry;

/// <summary>
/// Crash-safe file replacement: write a temporary file beside the target, flush it to disk, then rename it over the target.
/// Readers see the old document or the new one, never a partial one. A crash leaves at most a temporary file, which readers
/// ignore (its name never ends in ".json") and <see cref="DeleteLeftovers"/> removes.
/// </summary>
internal static class AtomicFile
{
    public const string TempMarker = ".tmp-";

    public static async Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes temporary files left by interrupted writes. Call only while holding the registry's write lock.</summary>
    public static int DeleteLeftovers(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*" + TempMarker + "*", SearchOption.AllDirectories))
        {
            if (TryDelete(file))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Catalog.Folder;

/// <summary>Writes JSON documents so readers see the old or the new file, never a partial one (temp file + rename).</summary>
internal static class AtomicFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes (replacing) the document.</summary>
    public static async Task WriteAsync(string path, JsonNode document, CancellationToken cancellationToken)
    {
        var temp = await WriteTempAsync(path, document, cancellationToken);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes the document only if the file does not exist; returns false if it does.</summary>
    public static async Task<bool> CreateAsync(string path, JsonNode document, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var temp = await WriteTempAsync(path, document, cancellationToken);
        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Reads a JSON object, or returns null when the file does not exist.</summary>
    public static async Task<JsonObject?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            var node = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
            return node as JsonObject ?? throw new InvalidDataException($"{path} does not hold a JSON object");
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task<string> WriteTempAsync(string path, JsonNode document, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("path has no directory", nameof(path));
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString(Indented));
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await stream.WriteAsync(bytes, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        return temp;
    }
}

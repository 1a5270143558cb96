using System.Text.Json;

namespace Etl.Ingest.Local;

/// <summary>
/// Shard state for local mode: one JSON document per stream in a folder, replaced atomically (write a hidden
/// temporary file, flush it to disk, rename it over the document). One process owns a folder (local mode runs one
/// worker), so there are no leases to lose; writes within the process are serialized.
/// </summary>
public sealed class FileShardStateStore : DocumentShardStateStore
{
    private readonly string _folder;

    public FileShardStateStore(string folder)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    private protected override async Task SaveAsync(string streamName, StoredStream document, CancellationToken cancellationToken)
    {
        var path = PathOf(streamName);
        var temp = Path.Combine(_folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await JsonSerializer.SerializeAsync(file, document, ShardStateDocument.Json, cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private protected override async Task<StoredStream> LoadAsync(string streamName, CancellationToken cancellationToken)
    {
        var path = PathOf(streamName);
        if (!File.Exists(path))
        {
            return new StoredStream();
        }

        await using var file = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<StoredStream>(file, ShardStateDocument.Json, cancellationToken) ?? new StoredStream();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"checkpoint file {path} is not valid JSON: {e.Message}", e);
        }
    }

    private string PathOf(string streamName) => Path.Combine(_folder, ShardStateDocument.CheckStreamName(streamName) + ".json");
}

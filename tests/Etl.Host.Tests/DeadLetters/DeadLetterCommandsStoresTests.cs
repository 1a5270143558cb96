using System.Text;
using System.Text.Json;
using Etl.Batching.DeadLetters;
using Etl.Batching.Storage.Folder;
using Etl.Core.Records;
using Etl.Host.Cli;
using Etl.Host.Configuration;
using Etl.Host.Tests.Support;

namespace Etl.Host.Tests.DeadLetters;

/// <summary>`etl deadletter list|show` find a pipeline's dead letters in its own output folder under its own prefix.</summary>
public sealed class DeadLetterCommandsStoresTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-dl-stores-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private EtlOptions Options() => TwoPipelineOptions.Create(_root);

    private static async Task PutAsync(FolderObjectStore store, string key, string table, string data)
    {
        var record = new DeadLetterRecord(
            table, table, new DeadLetterReason(DeadLetterKind.SchemaViolation, "bad", "$.x", "type"), null, "shardId-000000000000", "7", 0, "pk",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, Encoding.UTF8.GetBytes(data));
        using var content = new MemoryStream();
        DeadLetterSerializer.WriteLines(content, [record]);
        content.Position = 0;
        await store.PutAsync(key, content, CancellationToken.None);
    }

    [Fact]
    public async Task ListAndShow_pipelineWithOwnFolderAndPrefix_findItsDeadLettersBesideTheSharedOnes()
    {
        await PutAsync(new FolderObjectStore(Path.Combine(_root, "data")), "deadletter/shared/dt=2026-11-21-08/a.jsonl", "shared", "one");
        await PutAsync(new FolderObjectStore(Path.Combine(_root, "elsewhere")), "rejects/own/dt=2026-11-21-08/b.jsonl", "own", "two");

        using var listed = new MemoryStream();
        Assert.Equal(0, await DeadLetterCommands.ListAsync(Options(), null, null, listed, CancellationToken.None));
        var keys = JsonDocument.Parse(listed.ToArray()).RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("key").GetString()).ToList();
        Assert.Equal(["deadletter/shared/dt=2026-11-21-08/a.jsonl", "rejects/own/dt=2026-11-21-08/b.jsonl"], keys.Order());

        using var ownOnly = new MemoryStream();
        await DeadLetterCommands.ListAsync(Options(), "own", null, ownOnly, CancellationToken.None);
        Assert.Equal(1, JsonDocument.Parse(ownOnly.ToArray()).RootElement.GetProperty("objectCount").GetInt32());

        using var shown = new MemoryStream();
        Assert.Equal(0, await DeadLetterCommands.ShowAsync(Options(), "rejects/own/dt=2026-11-21-08/b.jsonl", shown, CancellationToken.None));
        Assert.Contains("\"own\"", Encoding.UTF8.GetString(shown.ToArray()), StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<ArgumentException>(() => DeadLetterCommands.ShowAsync(Options(), "rejects/own/nope.jsonl", Stream.Null, CancellationToken.None));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }
}

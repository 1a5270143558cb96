using Etl.Batching.Commit;
using Etl.Batching.Storage.Folder;
using Etl.Batching.Tests.Support;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.TestSupport;
using Microsoft.Extensions.Logging;

namespace Etl.Batching.Tests.Commit;

/// <summary>The important events of the engine and the committer reach the log with their ids, levels and values.</summary>
public sealed class PipelineEngineLoggingTests : IDisposable
{
    private const int CompletingIntent = 1101;
    private const int FileCommitted = 1150;
    private const int SchemaRefused = 1151;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "etl-engine-log-" + Guid.NewGuid().ToString("N"));
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose()
    {
        _logs.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Engine_restartAfterACheckpointWriteFailed_logsTheIntentCompletionAndCommitsTheSameKey()
    {
        var inner = new InMemoryShardStateStore();
        var faulty = new FaultyStateStore(inner, failEvery: 3);
        var store = new FolderObjectStore(_root);
        var shards = Shards(40);

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var engine = Engine(new ScriptedSource(inner, shards), store, faulty, new RecordingCatalog());
            try
            {
                await engine.RunAsync(CancellationToken.None);
                if (engine.Completed)
                {
                    break;
                }
            }
            catch (TimeoutException)
            {
                // The injected failure: the next engine starts from the durable state and finds the intent.
            }
        }

        Assert.True(faulty.Failures > 0);
        var recoveries = _logs.WithEventId(CompletingIntent);
        Assert.NotEmpty(recoveries);
        var committed = _logs.WithEventId(FileCommitted).Select(e => (string?)e.Properties["Key"]).ToList();
        Assert.All(recoveries, recovery =>
        {
            Assert.Equal(LogLevel.Information, recovery.Level);
            Assert.StartsWith("Completing commit intent ", recovery.Message, StringComparison.Ordinal);
            // The intent is completed under the key it recorded, so no second file appears.
            var key = Assert.IsType<string>(recovery.Properties["Key"]);
            Assert.Contains(key, committed);
            Assert.IsType<StreamPosition>(recovery.Properties["First"]);
        });
    }

    [Fact]
    public async Task Committer_tableRefusingTheSchema_logsTheSchemaRefusedErrorWithTheReason()
    {
        var state = new InMemoryShardStateStore();
        var catalog = new RecordingCatalog(_ => "column ts changed from string to timestamp");
        var engine = Engine(new ScriptedSource(state, Shards(5)), new FolderObjectStore(_root), state, catalog);

        await engine.RunAsync(CancellationToken.None);

        var refused = _logs.WithEventId(SchemaRefused);
        Assert.NotEmpty(refused);
        var entry = refused[0];
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("db", entry.Properties["Database"]);
        Assert.Equal("events", entry.Properties["Table"]);
        Assert.Equal("column ts changed from string to timestamp", entry.Properties["Reason"]);
        Assert.EndsWith("its records go to dead letters", entry.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, IReadOnlyList<string>> Shards(int perShard) => EventsPipeline.Shards(perShard);

    private PipelineEngine Engine(IShardedSource source, IObjectStore store, IShardStateStore state, ICatalog catalog) =>
        EventsPipeline.Engine(source, store, state, catalog, logger: _logs.CreateLogger("Etl.Batching.Tests"));
}

using System.Text.Json;
using Etl.Host.DeadLetters;
using Etl.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Tests.DeadLetters;

/// <summary>Replay of a pipeline with type overrides and its own dead-letter prefix.</summary>
public sealed class DeadLetterReplayOverridesTests : IDisposable
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private readonly DeadLetterScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task ReplayAsync_pipeline_with_overrides_and_prefix_writes_the_overridden_column_types()
    {
        var pipeline = _scenario.Options.Pipelines[0];
        pipeline.Mapping.Overrides["id"] = "string";
        pipeline.DeadLetters.Prefix = "rejects";
        await _scenario.RegisterV1Async();
        await _scenario.IngestAsync("orders-a", [DeadLetterScenario.Order(1, "low"), DeadLetterScenario.Order(2, "medium")], Arrival);
        Assert.Single(await DeadLetterInventory.ListAsync(_scenario.Store, "rejects/orders/", null, CancellationToken.None));
        await _scenario.RegisterV2Async();

        var summary = await new DeadLetterReplayer(_scenario.Options, TimeProvider.System, NullLoggerFactory.Instance)
            .ReplayAsync(new ReplayRequest("orders"), CancellationToken.None);

        Assert.Equal(1, summary.RowsWritten);
        Assert.Equal(0, summary.StillDeadLettered);
        var glob = Path.Combine(_scenario.Root, "warehouse", "shop", "orders", "**", "*.parquet").Replace('\\', '/');
        using var rows = JsonDocument.Parse(await NodeTool.RunAsync("duckdb-query.mjs", [$"SELECT id, typeof(id) AS t FROM read_parquet('{glob}') ORDER BY id"]));
        Assert.Equal(["1:VARCHAR", "2:VARCHAR"], rows.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString() + ":" + r.GetProperty("t").GetString()));
        Assert.False(Directory.Exists(Path.Combine(_scenario.Root, "deadletter")));
    }
}

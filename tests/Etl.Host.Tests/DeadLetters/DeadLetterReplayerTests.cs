using System.Text.Json;
using Etl.Batching.DeadLetters;
using Etl.Core.Records;
using Etl.Host.DeadLetters;
using Etl.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Tests.DeadLetters;

public sealed class DeadLetterReplayerTests : IDisposable
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private readonly DeadLetterScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    /// <summary>4 valid orders, 3 with level "medium" (valid once v2 exists), 2 with a level no version accepts.</summary>
    private async Task SeedAsync()
    {
        await _scenario.RegisterV1Async();
        string[] lines =
        [
            DeadLetterScenario.Order(1, "low"), DeadLetterScenario.Order(2, "medium"), DeadLetterScenario.Order(3, "high"),
            DeadLetterScenario.Order(4, "bogus"), DeadLetterScenario.Order(5, "medium"), DeadLetterScenario.Order(6, "low"),
            DeadLetterScenario.Order(7, "medium"), DeadLetterScenario.Order(8, "bogus"), DeadLetterScenario.Order(9, "high"),
        ];
        await _scenario.IngestAsync("orders-a", lines, Arrival);
    }

    private DeadLetterReplayer Replayer() => new(_scenario.Options, TimeProvider.System, NullLoggerFactory.Instance);

    private async Task<(long Rows, long Ids)> CountRowsAsync()
    {
        var glob = Path.Combine(_scenario.Root, "warehouse", "shop", "orders", "**", "*.parquet").Replace('\\', '/');
        var json = await NodeTool.RunAsync("duckdb-query.mjs", [$"SELECT count(*) AS n, count(DISTINCT id) AS d FROM read_parquet('{glob}')"]);
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement[0];
        return (long.Parse(row.GetProperty("n").ToString(), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(row.GetProperty("d").ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReplayAsync_after_schema_fix_writes_fixed_rows_once_and_redeadletters_the_rest_with_attempts_2()
    {
        await SeedAsync();
        Assert.Equal((4L, 4L), await CountRowsAsync());
        var original = Assert.Single(await DeadLetterInventory.ListAsync(_scenario.Store, "deadletter/orders/", null, CancellationToken.None));
        Assert.All((await DeadLetterInventory.ReadAsync(_scenario.Store, original.Key, CancellationToken.None))!, e => Assert.Equal(1, e.Attempts));
        await _scenario.RegisterV2Async();

        var first = await Replayer().ReplayAsync(new ReplayRequest("orders"), CancellationToken.None);

        Assert.Equal(1, first.ObjectsSelected);
        Assert.Equal(1, first.ObjectsReplayed);
        Assert.Equal(3, first.RowsWritten);
        Assert.Equal(2, first.StillDeadLettered);
        Assert.Equal(2, first.SchemaVersion);
        Assert.Equal((7L, 7L), await CountRowsAsync());

        var again = await DeadLetterInventory.ListAsync(_scenario.Store, "deadletter/orders/replay-v2/", null, CancellationToken.None);
        var redone = Assert.Single(again);
        var envelopes = await DeadLetterInventory.ReadAsync(_scenario.Store, redone.Key, CancellationToken.None);
        Assert.NotNull(envelopes);
        Assert.Equal(2, envelopes.Count);
        Assert.All(envelopes, e => Assert.Equal(2, e.Attempts));
        Assert.All(envelopes, e => Assert.Equal(DeadLetterKind.SchemaViolation, e.Reason.Kind));
        Assert.All(envelopes, e => Assert.Equal(Arrival, e.ArrivalTime));
        Assert.Equal(["4", "8"], envelopes.Select(e => JsonDocument.Parse(e.RawData).RootElement.GetProperty("id").ToString()));
    }

    [Fact]
    public async Task ReplayAsync_second_identical_replay_writes_nothing()
    {
        await SeedAsync();
        await _scenario.RegisterV2Async();
        await Replayer().ReplayAsync(new ReplayRequest("orders"), CancellationToken.None);
        var keysBefore = await KeysAsync();

        var second = await Replayer().ReplayAsync(new ReplayRequest("orders"), CancellationToken.None);

        Assert.Equal(0, second.ObjectsReplayed);
        Assert.Equal(1, second.ObjectsAlreadyReplayed);
        Assert.Equal(0, second.RowsWritten);
        Assert.Equal(0, second.StillDeadLettered);
        Assert.Equal(keysBefore, await KeysAsync());
        Assert.Equal((7L, 7L), await CountRowsAsync());
    }

    [Fact]
    public async Task ReplayAsync_cut_short_after_an_upload_completes_on_the_next_run_without_duplicates()
    {
        await SeedAsync();
        await _scenario.RegisterV2Async();
        var crashing = new DeadLetterReplayer(_scenario.Options, TimeProvider.System, NullLoggerFactory.Instance, root => new CrashAfterUploadStore(root));
        await Assert.ThrowsAsync<IOException>(() => crashing.ReplayAsync(new ReplayRequest("orders"), CancellationToken.None));
        Assert.Equal((7L, 7L), await CountRowsAsync());

        var resumed = await Replayer().ReplayAsync(new ReplayRequest("orders"), CancellationToken.None);

        Assert.Equal(1, resumed.ObjectsReplayed);
        Assert.Equal(2, resumed.StillDeadLettered);
        Assert.Equal((7L, 7L), await CountRowsAsync());
        var redone = Assert.Single(await DeadLetterInventory.ListAsync(_scenario.Store, "deadletter/orders/replay-v2/", null, CancellationToken.None));
        Assert.Equal(2, redone.Records);
        var again = await Replayer().ReplayAsync(new ReplayRequest("orders"), CancellationToken.None);
        Assert.Equal(0, again.RowsWritten + again.StillDeadLettered);
    }

    [Fact]
    public async Task ReplayAsync_reason_selects_only_objects_holding_that_kind()
    {
        await SeedAsync();
        await _scenario.IngestAsync("orders-b", ["{not json", "{\"id\":"], Arrival.AddHours(1));
        await _scenario.RegisterV2Async();

        var summary = await Replayer().ReplayAsync(new ReplayRequest("orders", DeadLetterKind.MalformedJson), CancellationToken.None);

        Assert.Equal(1, summary.ObjectsSelected);
        Assert.Equal(0, summary.RowsWritten);
        Assert.Equal(2, summary.StillDeadLettered);
        Assert.Equal((4L, 4L), await CountRowsAsync());
    }

    [Fact]
    public async Task ReplayAsync_unknown_table_names_the_configured_tables()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Replayer().ReplayAsync(new ReplayRequest("nope"), CancellationToken.None));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("orders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_key_outside_the_table_is_refused()
    {
        await SeedAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Replayer().ReplayAsync(new ReplayRequest("orders", Keys: ["deadletter/other/x.jsonl"]), CancellationToken.None));

        Assert.StartsWith("--key", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> KeysAsync()
    {
        var keys = new List<string>();
        await foreach (var info in _scenario.Store.ListAsync(string.Empty, CancellationToken.None))
        {
            if (!info.Key.StartsWith("state/", StringComparison.Ordinal) && !info.Key.StartsWith("catalog/", StringComparison.Ordinal))
            {
                keys.Add(info.Key);
            }
        }

        return keys;
    }
}

using System.Text;
using System.Text.Json;
using Etl.Batching.DeadLetters;
using Etl.Core.Records;
using Etl.Host.Cli;

namespace Etl.Host.Tests.DeadLetters;

public sealed class DeadLetterCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private readonly DeadLetterScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private async Task SeedAsync()
    {
        await _scenario.RegisterV1Async();
        await _scenario.IngestAsync("a", [DeadLetterScenario.Order(1, "low"), DeadLetterScenario.Order(2, "bogus"), "{broken"], Arrival);
        await _scenario.IngestAsync("b", [DeadLetterScenario.Order(3, "bogus")], Arrival.AddHours(2));
    }

    private static async Task<JsonElement> RunAsync(Func<Stream, Task<int>> command)
    {
        using var output = new MemoryStream();
        Assert.Equal(0, await command(output));
        return JsonDocument.Parse(output.ToArray()).RootElement.Clone();
    }

    [Fact]
    public async Task ListAsync_reports_each_object_with_counts_by_reason_and_arrival_range()
    {
        await SeedAsync();

        var list = await RunAsync(o => DeadLetterCommands.ListAsync(_scenario.Options, "orders", null, o, CancellationToken.None));

        Assert.Equal(2, list.GetProperty("objectCount").GetInt32());
        Assert.Equal(3, list.GetProperty("recordCount").GetInt64());
        var first = list.GetProperty("objects")[0];
        Assert.StartsWith("deadletter/orders/dt=2026-11-21-09/", first.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, first.GetProperty("records").GetInt32());
        Assert.Equal(1, first.GetProperty("byReason").GetProperty("SchemaViolation").GetInt32());
        Assert.Equal(1, first.GetProperty("byReason").GetProperty("MalformedJson").GetInt32());
        Assert.Equal(Arrival, first.GetProperty("firstArrival").GetDateTimeOffset());
        Assert.Equal(Arrival, first.GetProperty("lastArrival").GetDateTimeOffset());
    }

    [Fact]
    public async Task ListAsync_reason_keeps_only_objects_with_that_kind()
    {
        await SeedAsync();

        var list = await RunAsync(o => DeadLetterCommands.ListAsync(_scenario.Options, null, DeadLetterKind.MalformedJson, o, CancellationToken.None));

        var only = Assert.Single(list.GetProperty("objects").EnumerateArray());
        Assert.Contains("dt=2026-11-21-09", only.GetProperty("key").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowAsync_prints_envelopes_with_text_for_utf8_and_base64_otherwise()
    {
        await _scenario.RegisterV1Async();
        var key = "deadletter/orders/dt=2026-11-21-09/manual-1-0.jsonl";
        using (var content = new MemoryStream())
        {
            DeadLetterSerializer.WriteLines(content,
            [
                Envelope(Encoding.UTF8.GetBytes("{\"id\":1}"), new DeadLetterReason(DeadLetterKind.SchemaViolation, "bad", "$.level", "enum")),
                Envelope([0xC3, 0x28, 0xFF], new DeadLetterReason(DeadLetterKind.InvalidUtf8, "not UTF-8")),
            ]);
            content.Position = 0;
            await _scenario.Store.PutAsync(key, content, CancellationToken.None);
        }

        var shown = await RunAsync(o => DeadLetterCommands.ShowAsync(_scenario.Options, key, o, CancellationToken.None));

        var records = shown.GetProperty("records");
        Assert.Equal(2, records.GetArrayLength());
        Assert.Equal("{\"id\":1}", records[0].GetProperty("rawText").GetString());
        Assert.Equal("$.level", records[0].GetProperty("fieldPath").GetString());
        Assert.Equal("enum", records[0].GetProperty("keyword").GetString());
        Assert.False(records[0].TryGetProperty("rawBase64", out _));
        Assert.Equal(Convert.ToBase64String([0xC3, 0x28, 0xFF]), records[1].GetProperty("rawBase64").GetString());
        Assert.False(records[1].TryGetProperty("rawText", out _));
        Assert.Equal("InvalidUtf8", records[1].GetProperty("reasonKind").GetString());
    }

    [Fact]
    public async Task ShowAsync_missing_key_throws_naming_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            DeadLetterCommands.ShowAsync(_scenario.Options, "deadletter/orders/none.jsonl", Stream.Null, CancellationToken.None));

        Assert.Contains("deadletter/orders/none.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_prints_a_json_summary()
    {
        await SeedAsync();
        await _scenario.RegisterV2Async();

        var summary = await RunAsync(o => DeadLetterCommands.ReplayAsync(
            _scenario.Options, new Etl.Host.DeadLetters.ReplayRequest("orders"), TimeProvider.System, o, CancellationToken.None));

        Assert.Equal(2, summary.GetProperty("objectsReplayed").GetInt32());
        Assert.Equal(0, summary.GetProperty("rowsWritten").GetInt64());
        Assert.Equal(3, summary.GetProperty("stillDeadLettered").GetInt64());
    }

    private static DeadLetterRecord Envelope(byte[] data, DeadLetterReason reason) =>
        new("orders", "orders", reason, null, "shard-1", "1", 0, "pk", Arrival, Arrival, 1, data);
}

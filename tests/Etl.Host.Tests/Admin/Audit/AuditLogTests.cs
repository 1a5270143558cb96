using System.Text.Json;
using Etl.Host.Admin.Audit;
using Etl.Host.Tests.Service;

namespace Etl.Host.Tests.Admin.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "etl-audit-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 23, 59, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Write_appends_json_lines_to_one_file_per_utc_day()
    {
        using var log = new AuditLog(_folder, _time);

        await log.WriteAsync("ops", "api-key", "UpdateSchema", "r/s", new { compatibility = "BACKWARD" }, new { compatibility = "NONE" }, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        await log.WriteAsync("ops", "api-key", "CreateRegistry", "r2", null, new { name = "r2" }, CancellationToken.None);

        var first = await File.ReadAllLinesAsync(Path.Combine(_folder, "2026-05-04.jsonl"));
        var second = await File.ReadAllLinesAsync(Path.Combine(_folder, "2026-05-05.jsonl"));
        Assert.Single(first);
        Assert.Single(second);
        using var line = JsonDocument.Parse(first[0]);
        Assert.Equal("ops", line.RootElement.GetProperty("actor").GetString());
        Assert.Equal("UpdateSchema", line.RootElement.GetProperty("operation").GetString());
        Assert.Equal("BACKWARD", line.RootElement.GetProperty("before").GetProperty("compatibility").GetString());
        Assert.Equal("NONE", line.RootElement.GetProperty("after").GetProperty("compatibility").GetString());
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 23, 59, 0, TimeSpan.Zero), line.RootElement.GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task Read_returns_the_last_entries_oldest_first_skipping_torn_lines()
    {
        using var log = new AuditLog(_folder, _time);
        for (var i = 0; i < 5; i++)
        {
            await log.WriteAsync("ops", "api-key", "Op" + i, "t", null, null, CancellationToken.None);
        }

        await File.AppendAllTextAsync(Path.Combine(_folder, "2026-05-04.jsonl"), "{\"time\":\"2026-05");

        var entries = await log.ReadAsync(new DateOnly(2026, 5, 4), 3, CancellationToken.None);

        Assert.Equal(["Op2", "Op3", "Op4"], entries.Select(e => e.Operation));
        Assert.Null(entries[0].Before);
    }

    [Fact]
    public async Task Read_of_a_day_without_entries_is_empty()
    {
        using var log = new AuditLog(_folder, _time);

        Assert.Empty(await log.ReadAsync(new DateOnly(2020, 1, 1), 10, CancellationToken.None));
    }
}

namespace Etl.Host.Tests.Operations;

public sealed class DeadLetterPurgerTests : IDisposable
{
    private readonly OperationsScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private string Put(string key, TimeSpan age)
    {
        var path = Path.Combine(_scenario.Data.Root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}\n");
        File.SetLastWriteTimeUtc(path, (_scenario.Time.GetUtcNow() - age).UtcDateTime);
        return path;
    }

    [Fact]
    public async Task RunAsync_deletes_only_dead_letters_older_than_the_retention()
    {
        var old = Put("deadletter/orders/dt=2026-11-01-08/a-1-0.jsonl", TimeSpan.FromDays(15));
        var young = Put("deadletter/orders/dt=2026-11-20-08/a-9-0.jsonl", TimeSpan.FromDays(13));
        var data = Put("warehouse/shop/orders/dt=2026-11-01-08/a-1-0.parquet", TimeSpan.FromDays(30));

        Assert.Equal(1, await _scenario.Purger().RunAsync(CancellationToken.None));

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(young));
        Assert.True(File.Exists(data));
        Assert.Equal(0, await _scenario.Purger().RunAsync(CancellationToken.None));
        Assert.True(File.Exists(young));
    }

    [Fact]
    public async Task RunAsync_honours_a_configured_retention()
    {
        var path = Put("deadletter/orders/dt=2026-11-20-08/a-1-0.jsonl", TimeSpan.FromDays(2));
        _scenario.Options.DeadLetterRetention = TimeSpan.FromDays(1);

        Assert.Equal(1, await _scenario.Purger().RunAsync(CancellationToken.None));
        Assert.False(File.Exists(path));
    }
}

using Etl.Core.Flow;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Kinesis;

[Collection(LocalAwsCollection.Name)]
public sealed class KinesisSourceBackPressureTests(LocalAws aws) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("etl-leases-").FullName;

    [Fact]
    public async Task Slow_consumer_stops_reader_at_byte_budget_then_everything_arrives()
    {
        var stream = KinesisTestStreams.NewName("bp");
        await KinesisTestStreams.CreateAsync(aws.Kinesis(), stream, 1);
        var payload = new string('x', 4000);
        await KinesisTestStreams.PutAsync(aws.Kinesis(), stream, Enumerable.Range(0, 1000).Select(i => ($"k{i}", $"{i:D5}{payload}")));
        await using var proxy = new FaultProxy(aws.Kinesalite.Endpoint);
        var kinesis = LocalAws.KinesisAt(proxy.Endpoint);
        var store = new FileLeaseStore(Path.Combine(_dir, "leases.json"));
        using var coordinator = new LeaseCoordinator(store, "bp", new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(5) }, TimeProvider.System);
        var options = KinesisSourceBalancingTests.FastOptions(stream) with
        {
            GetRecordsLimit = 100,
            MaxCallsPerSecondPerShard = 50,
            MaxBytesPerSecondPerShard = 1L << 30,
            BufferBatches = 64,
            BufferBytes = 1024 * 1024,
        };
        var source = new KinesisSource(kinesis, coordinator, store, options);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = 0;
        int? callsEarly = null;
        int? callsLate = null;
        await foreach (var batch in source.ReadAsync(cts.Token))
        {
            if (received == 0 && batch.Records.Count > 0)
            {
                // Stall the pipeline: the reader may fill the 1 MiB budget (about two 400 KB pages) and must then wait.
                await Task.Delay(700);
                callsEarly = proxy.Calls("GetRecords");
                await Task.Delay(700);
                callsLate = proxy.Calls("GetRecords");
            }

            received += batch.Records.Count;
            if (received >= 1000)
            {
                break;
            }
        }

        Assert.Equal(1000, received);
        Assert.Equal(callsEarly, callsLate);
        Assert.InRange(callsEarly!.Value, 2, 5);
    }

    [Fact]
    public async Task ByteBudget_waits_until_release_and_admits_oversized_when_empty()
    {
        var budget = new ByteBudget(100);
        await budget.AcquireAsync(80, CancellationToken.None);
        var blocked = budget.AcquireAsync(30, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(blocked.IsCompleted);
        budget.Release(80);
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(30, budget.Used);
        budget.Release(30);
        await budget.AcquireAsync(500, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(500, budget.Used);
        using var cts = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.AcquireAsync(1, cts.Token).AsTask());
    }

    [Fact]
    public void RateLimiter_large_page_delays_next_call_by_its_bytes()
    {
        var time = new ManualTime();
        var limiter = new ShardRateLimiter(time, callsPerSecond: 5, bytesPerSecond: 2 * 1024 * 1024);
        Assert.Equal(TimeSpan.Zero, limiter.Delay());
        limiter.CallStarted();
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.Delay());
        limiter.BytesReceived(4 * 1024 * 1024);
        Assert.Equal(TimeSpan.FromSeconds(2), limiter.Delay());
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(TimeSpan.FromMilliseconds(500), limiter.Delay());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.Delay());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}

using System.Diagnostics;
using Etl.Aws;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Kinesis;

[Collection(LocalAwsCollection.Name)]
public sealed class KinesisSourceBalancingTests(LocalAws aws)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ThreeWorkers_eight_shards_balance_survive_a_kill_and_process_every_record()
    {
        var kinesis = aws.Kinesis();
        var stream = KinesisTestStreams.NewName("bal");
        await KinesisTestStreams.CreateAsync(kinesis, stream, 8);
        using var dynamo = DynamoDbLeaseStoreFactory.CreateClient(new AwsEndpointSettings { EndpointUrl = new Uri(aws.Dynalite.Endpoint), Region = "us-east-1", UseProfileRegion = false });
        var store = new DynamoDbLeaseStore(dynamo, "leases-" + stream);
        await store.EnsureCreatedAsync(CancellationToken.None);
        var ledger = new ProcessingLedger();
        var leaseOptions = new LeaseCoordinatorOptions { LeaseDuration = LeaseDuration };
        var sourceOptions = FastOptions(stream);

        var firstWave = Enumerable.Range(0, 400).Select(i => ($"key-{i % 97}", $"r{i}")).ToList();
        await KinesisTestStreams.PutAsync(kinesis, stream, firstWave);
        var workers = Enumerable.Range(0, 3).Select(i => new TestWorker($"worker-{i}", kinesis, store, leaseOptions, sourceOptions, ledger)).ToList();
        try
        {
            // Settle: every lease owned, split 3/3/2.
            var counts = await WaitForAsync(
                async () =>
                {
                    var leases = await store.ListAsync(CancellationToken.None);
                    var byOwner = leases.GroupBy(l => l.Owner ?? "-").ToDictionary(g => g.Key, g => g.Count());
                    return leases.Count == 8 && byOwner.Count == 3 && !byOwner.ContainsKey("-") && byOwner.Values.All(c => c is 2 or 3) ? byOwner : null;
                },
                TimeSpan.FromSeconds(40));
            Assert.Equal(8, counts.Values.Sum());

            await WaitForAsync(() => Task.FromResult(ledger.Distinct >= firstWave.Count ? (object?)true : null), TimeSpan.FromSeconds(30));

            // Kill one worker (no release) and produce more while its leases expire.
            var victim = workers[0];
            var victimLeases = (await store.ListAsync(CancellationToken.None)).Where(l => l.Owner == victim.Id).Select(l => l.LeaseKey).ToList();
            Assert.NotEmpty(victimLeases);
            victim.Kill();
            var killedAt = Stopwatch.StartNew();
            var secondWave = Enumerable.Range(400, 400).Select(i => ($"key-{i % 89}", $"r{i}")).ToList();
            await KinesisTestStreams.PutAsync(kinesis, stream, secondWave);

            await WaitForAsync(
                async () =>
                {
                    var leases = await store.ListAsync(CancellationToken.None);
                    return leases.Where(l => victimLeases.Contains(l.LeaseKey)).All(l => l.Owner is not null && l.Owner != victim.Id) ? (object?)true : null;
                },
                TimeSpan.FromSeconds(20));
            var takeover = killedAt.Elapsed;
            Assert.True(takeover <= 2 * LeaseDuration, $"takeover took {takeover}, more than two lease durations ({2 * LeaseDuration})");

            await WaitForAsync(() => Task.FromResult(ledger.CommittedTotal >= 800 ? (object?)true : null), TimeSpan.FromSeconds(30));
            var survivors = (await store.ListAsync(CancellationToken.None)).GroupBy(l => l.Owner).ToDictionary(g => g.Key!, g => g.Count());
            Assert.Equal(2, survivors.Count);
            Assert.All(survivors.Values, c => Assert.Equal(4, c));
            Assert.Empty(ledger.Violations);
            for (var i = 0; i < 800; i++)
            {
                Assert.True(ledger.Count($"r{i}") >= 1, $"r{i} never processed");
                Assert.Equal(1, ledger.CommittedCount($"r{i}"));
            }

            Assert.All(workers, w => Assert.Null(w.Fault));
        }
        finally
        {
            foreach (var w in workers)
            {
                await w.DisposeAsync();
            }
        }
    }

    internal static KinesisSourceOptions FastOptions(string stream) => new()
    {
        StreamName = stream,
        IdleDelay = TimeSpan.FromMilliseconds(100),
        MaxIdleDelay = TimeSpan.FromMilliseconds(300),
        ThrottleDelay = TimeSpan.FromMilliseconds(50),
        MaxThrottleDelay = TimeSpan.FromMilliseconds(500),
        ShardSyncInterval = TimeSpan.FromSeconds(1),
        OwnershipPollInterval = TimeSpan.FromMilliseconds(100),
        ParentPollInterval = TimeSpan.FromMilliseconds(100),
        MaxCallsPerSecondPerShard = 10,
    };

    internal static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout)
        where T : class
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            if (sw.Elapsed > timeout)
            {
                throw new TimeoutException("condition not met within " + timeout);
            }

            await Task.Delay(100);
        }
    }
}

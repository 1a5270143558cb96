using System.Text;
using Etl.Aws;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Producer;

namespace Etl.Ingest.Tests.Producer;

public sealed class KinesisProducerTests
{
    private static (KinesisProducer Producer, FakeKinesisHandler Fake) Create(KinesisProducerOptions? options = null)
    {
        var fake = new FakeKinesisHandler();
        var endpoint = new AwsServiceEndpoint("Kinesis", "kinesis", "Kinesis_20131202", new Uri("http://127.0.0.1:1/"), "us-east-1");
        var client = new KinesisClient(new AwsJsonClient(endpoint, new HttpClient(fake)));
        return (new KinesisProducer(client, options ?? new KinesisProducerOptions { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(2) }), fake);
    }

    private static async IAsyncEnumerable<(string, byte[])> Source(int count, int size = 10)
    {
        for (var i = 0; i < count; i++)
        {
            yield return ($"key-{i % 7}", Encoding.UTF8.GetBytes($"r{i}".PadRight(size, '.')));
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task ProduceAsync_batches_at_most_500_records_and_sends_all()
    {
        var (producer, fake) = Create();
        var reports = new List<ProduceProgress>();
        var result = await producer.ProduceAsync("s", Source(1234), null, null, reports.Add, CancellationToken.None);

        Assert.Equal(1234, result.Sent);
        Assert.Equal(1234, result.Read);
        Assert.Equal(0, result.Failed);
        Assert.All(fake.Calls, c => Assert.InRange(c.Count, 1, 500));
        Assert.Equal(3, fake.Calls.Count);
        Assert.Equal(Enumerable.Range(0, 1234).Select(i => $"r{i}".PadRight(10, '.')), fake.Accepted);
        Assert.Equal(3, reports.Count);
        Assert.Equal(1234, reports[^1].Sent);
    }

    [Fact]
    public async Task ProduceAsync_splits_batches_at_five_mebibytes()
    {
        var (producer, fake) = Create();
        var result = await producer.ProduceAsync("s", Source(30, size: 512 * 1024), null, null, null, CancellationToken.None);
        Assert.Equal(30, result.Sent);
        Assert.All(fake.Calls, c => Assert.True(c.Sum(e => e.Data.Length + e.Key.Length) <= 5 * 1024 * 1024));
        Assert.True(fake.Calls.Count >= 3);
    }

    [Fact]
    public async Task ProduceAsync_rejected_entries_are_resent_until_accepted()
    {
        var (producer, fake) = Create();
        fake.Reject = (call, index) => call <= 2 && index % 3 == 0 ? "ProvisionedThroughputExceededException" : null;
        var result = await producer.ProduceAsync("s", Source(90), null, null, null, CancellationToken.None);

        Assert.Equal(90, result.Sent);
        Assert.True(result.Retried > 0);
        Assert.Equal(90, fake.Accepted.Distinct().Count());
        Assert.Equal(90, fake.Accepted.Count);
    }

    [Fact]
    public async Task ProduceAsync_rejected_past_attempts_counts_failed()
    {
        var (producer, fake) = Create(new KinesisProducerOptions { MaxAttemptsPerRecord = 3, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(1) });
        fake.Reject = (_, index) => index == 0 ? "InternalFailure" : null;
        var result = await producer.ProduceAsync("s", Source(5), null, null, null, CancellationToken.None);
        Assert.Equal(3, fake.Calls.Count);
        Assert.Equal(1, result.Failed);
        Assert.Equal(4, result.Sent);
    }

    [Fact]
    public async Task ProduceAsync_count_stops_reading_and_oversized_record_fails()
    {
        var (producer, fake) = Create(new KinesisProducerOptions { MaxRecordBytes = 100 });
        async IAsyncEnumerable<(string, byte[])> Mixed()
        {
            yield return ("k", new byte[10]);
            yield return ("k", new byte[500]);
            await foreach (var r in Source(100))
            {
                yield return r;
            }
        }

        var result = await producer.ProduceAsync("s", Mixed(), null, count: 12, null, CancellationToken.None);
        Assert.Equal(12, result.Read);
        Assert.Equal(1, result.Failed);
        Assert.Equal(11, result.Sent);
        Assert.Equal(11, fake.Accepted.Count);
    }

    [Fact]
    public async Task ProduceAsync_rate_paces_and_flushes_partial_batches()
    {
        var (producer, fake) = Create(new KinesisProducerOptions { Linger = TimeSpan.FromMilliseconds(50) });
        var result = await producer.ProduceAsync("s", Source(20), recordsPerSecond: 100, count: null, null, CancellationToken.None);
        Assert.Equal(20, result.Sent);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(150), $"20 records at 100/s took only {result.Elapsed}");
        Assert.True(fake.Calls.Count >= 2, "a paced run flushes partial batches after the linger time");
    }

    [Fact]
    public void Options_out_of_range_names_setting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new KinesisProducerOptions { MaxRecordsPerCall = 501 }.Validate());
        Assert.Contains("MaxRecordsPerCall", ex.Message, StringComparison.Ordinal);
    }
}

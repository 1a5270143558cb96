using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Etl.Core.Contracts;
using Etl.Core.Flow;
using Etl.Core.Records;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Kpl;

namespace Etl.Benchmarks.Ingest;

/// <summary>
/// The shard reader's path after GetRecords: KPL de-aggregation with the shard's hash-range check and the
/// checkpoint filter (<c>ShardReader.ToBatch</c>), then the byte budget and the bounded channel to the consumer.
/// One operation moves <see cref="RecordsPerOperation"/> user records of 200 bytes in 10 GetRecords pages, either as
/// KPL aggregates of 50 (<see cref="Aggregated"/>) or as plain records. "records/s/core" is user records per second
/// on one core (producer and consumer run on the same thread, as the channel hand-off is measured, not overlap).
/// Run: <c>dotnet run -c Release --project benchmarks/Etl.Benchmarks -- --filter '*ReadPath*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ReadPathBenchmark
{
    public const int RecordsPerOperation = 5000;
    private const int Pages = 10;
    private const string ShardId = "shardId-000000000000";

    private readonly List<GetRecordsResult> _pages = [];
    private Channel<SourceBatch> _channel = null!;
    private ByteBudget _budget = null!;
    private HashKeyRange _range;

    [Params(true, false)]
    public bool Aggregated { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var sequence = System.Numerics.BigInteger.Parse("49590338271490256608559692538361571095921575989136588898", System.Globalization.CultureInfo.InvariantCulture);
        for (var p = 0; p < Pages; p++)
        {
            var users = Enumerable.Range(0, RecordsPerOperation / Pages).Select(i =>
            {
                var data = new byte[200];
                random.NextBytes(data);
                return new KplUserRecord($"device-{random.Next(1000):D4}", null, data);
            }).ToList();
            IEnumerable<(byte[] Data, string Key)> kinesisRecords = Aggregated
                ? users.Chunk(50).Select(c => KplAggregator.AggregateAll(c).Single()).Select(k => (k.Data.ToArray(), k.PartitionKey))
                : users.Select(u => (u.Data.ToArray(), u.PartitionKey));
            var records = kinesisRecords.Select(r =>
            {
                sequence += 1;
                return new KinesisRecord(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch, r.Item1, r.Item2);
            }).ToList();
            _pages.Add(new GetRecordsResult(records, "iterator", 0, [], records.Sum(r => (long)r.Data.Length)));
        }

        _range = HashKeyRange.All;
        _channel = Channel.CreateBounded<SourceBatch>(new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _budget = new ByteBudget(64L * 1024 * 1024);
        if (Run().GetAwaiter().GetResult() != RecordsPerOperation)
        {
            throw new InvalidOperationException("read path lost records");
        }
    }

    [Benchmark]
    public async Task<int> Run()
    {
        var count = 0;
        StreamPosition? skip = new StreamPosition(ShardId, "1");
        foreach (var page in _pages)
        {
            var batch = ShardReader.ToBatch(ShardId, page, _range, skip, shardEnded: false);
            await _budget.AcquireAsync(page.PayloadBytes, CancellationToken.None);
            await _channel.Writer.WriteAsync(batch);
            var taken = await _channel.Reader.ReadAsync();
            _budget.Release(page.PayloadBytes);
            count += taken.Records.Count;
        }

        return count;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new RecordsPerSecondColumn());
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}

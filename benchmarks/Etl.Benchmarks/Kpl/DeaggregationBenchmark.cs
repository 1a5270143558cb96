using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Etl.Ingest.Kpl;

namespace Etl.Benchmarks.Kpl;

/// <summary>
/// KPL de-aggregation of one Kinesis record holding <see cref="UserRecords"/> user records of 200 bytes (MD5 check,
/// protobuf parse, one SourceRecord per user record). One operation is one Kinesis record; the "user records/s" column
/// is user records per second on one core and "B/user record" the bytes allocated per user record. <see cref="DistinctKeys"/> switches
/// between one partition key per record and a single shared key (the key table is resolved once per entry).
/// Run: <c>dotnet run -c Release --project benchmarks/Etl.Benchmarks -- --filter '*Deaggregation*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class DeaggregationBenchmark
{
    private const int PayloadBytes = 200;

    private readonly List<DeaggregatedRecord> output = new(1024);
    private KinesisRecordEnvelope envelope;

    [Params(10, 500)]
    public int UserRecords { get; set; }

    [Params(false, true)]
    public bool DistinctKeys { get; set; }

    [Params(false, true)]
    public bool HashRangeCheck { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var records = Enumerable.Range(0, UserRecords).Select(i =>
        {
            var data = new byte[PayloadBytes];
            random.NextBytes(data);
            return new KplUserRecord(DistinctKeys ? $"device-{i:D6}" : "device-shared", null, data);
        });
        var put = KplAggregator.AggregateAll(records).Single();
        envelope = new KinesisRecordEnvelope(
            put.Data,
            put.PartitionKey,
            "49590338271490256608559692538361571095921575989136588898",
            DateTimeOffset.UnixEpoch,
            "shardId-000000000000",
            HashRangeCheck ? HashKeyRange.All : null);

        if (KplDeaggregator.Deaggregate(envelope, output) != UserRecords || output.Exists(r => !r.IsSuccess))
        {
            throw new InvalidOperationException("benchmark aggregate must de-aggregate cleanly");
        }
    }

    [Benchmark]
    public int Deaggregate()
    {
        output.Clear();
        return KplDeaggregator.Deaggregate(envelope, output);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new PerUserRecordColumn(allocation: false), new PerUserRecordColumn(allocation: true));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}

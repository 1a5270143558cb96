using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Etl.SchemaGovernance.Avro.Columns;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.Benchmarks.Avro;

/// <summary>
/// Avro binary → row values for ventilator records. One operation is one record; the MB/s column is payload throughput
/// on one core and the allocation column is bytes allocated per record.
/// Run: <c>dotnet run -c Release --project benchmarks/Etl.Benchmarks -- --filter '*AvroVentilatorDecode*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class AvroVentilatorDecodeBenchmark
{
    private const int RecordCount = 4096;

    private static readonly byte[][] Records = AvroVentilatorRecords.Generate(RecordCount);

    private AvroRowDecoder _rows = null!;
    private AvroRowDecoder _resolvingRows = null!;
    private AvroDatumReader _generic = null!;

    public static double AverageRecordBytes => Records.Average(r => r.Length);

    [GlobalSetup]
    public void Setup()
    {
        _rows = new AvroRowDecoder(AvroVentilatorRecords.Schema);
        var reader = AvroSchemaParser.Parse(AvroVentilatorRecords.SchemaJson.Replace(
            "{\"name\":\"manufacturer\",\"type\":\"string\"}",
            "{\"name\":\"manufacturer\",\"type\":\"string\"},{\"name\":\"site\",\"type\":[\"null\",\"string\"],\"default\":null}",
            StringComparison.Ordinal));
        _resolvingRows = new AvroRowDecoder(AvroVentilatorRecords.Schema, reader);
        _generic = new AvroDatumReader(AvroVentilatorRecords.Schema);
    }

    /// <summary>Writer schema = reader schema: the common case.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RecordCount)]
    public int DecodeRows()
    {
        var n = 0;
        foreach (var record in Records)
        {
            n += _rows.Decode(record).Length;
        }

        return n;
    }

    /// <summary>Reader adds an optional field: resolution fills it from its default.</summary>
    [Benchmark(OperationsPerInvoke = RecordCount)]
    public int DecodeRowsWithResolution()
    {
        var n = 0;
        foreach (var record in Records)
        {
            n += _resolvingRows.Decode(record).Length;
        }

        return n;
    }

    /// <summary>Generic values (AvroRecord), for comparison.</summary>
    [Benchmark(OperationsPerInvoke = RecordCount)]
    public int DecodeGeneric()
    {
        var n = 0;
        foreach (var record in Records)
        {
            n += ((AvroRecord)_generic.Read(record)!).Values.Length;
        }

        return n;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ThroughputColumn(() => AverageRecordBytes, "Megabytes (10^6) of Avro binary decoded into row values per second on one core"));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Etl.Core.Records;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.Benchmarks.JsonSchema;

/// <summary>
/// Validate-and-convert of ventilator records with the compiled JSON Schema validator. One operation is one record;
/// the MB/s column is payload throughput on one core, and the allocation column is bytes allocated per record.
/// Run: <c>dotnet run -c Release --project benchmarks/Etl.Benchmarks -- --filter '*VentilatorConvert*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class VentilatorConvertBenchmark
{
    private const int RecordCount = 1024;

    private static readonly byte[][] Records = VentilatorRecords.Generate(RecordCount);

    private JsonRecordConverter converter = null!;
    private JsonSchemaValidator validator = null!;
    private SourceRecord source = null!;

    public static double AverageRecordBytes => Records.Average(r => r.Length);

    [GlobalSetup]
    public void Setup()
    {
        converter = JsonRecordConverter.Compile(VentilatorRecords.Schema, new SchemaVersionRef("ventilator", 1, Guid.Empty));
        validator = JsonSchemaValidator.Compile(VentilatorRecords.Schema);
        source = new SourceRecord(Records[0], "pk", new StreamPosition("shardId-000000000000", "1"), DateTimeOffset.UnixEpoch);
        foreach (var record in Records)
        {
            if (!converter.ConvertPayload(record, source).IsSuccess)
            {
                throw new InvalidOperationException("benchmark records must be valid");
            }
        }
    }

    /// <summary>
    /// The floor: one pass of a plain <see cref="Utf8JsonReader"/> over each record. Its ratio to the others does not
    /// depend on how busy the machine is, unlike the absolute times.
    /// </summary>
    [Benchmark(OperationsPerInvoke = RecordCount, Baseline = true)]
    public int ReaderScanOnly()
    {
        var tokens = 0;
        foreach (var record in Records)
        {
            var reader = new Utf8JsonReader(record);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    public int ValidateAndConvert()
    {
        var ok = 0;
        foreach (var record in Records)
        {
            if (converter.ConvertPayload(record, source).IsSuccess)
            {
                ok++;
            }
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    public int ValidateOnly()
    {
        var ok = 0;
        foreach (var record in Records)
        {
            if (validator.Validate(record) is null)
            {
                ok++;
            }
        }

        return ok;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ThroughputColumn(() => AverageRecordBytes, "Megabytes (10^6) of JSON payload validated and converted per second on one core"));
            AddDiagnoser(MemoryDiagnoser.Default);
            // In-process: the generated boilerplate project of the default toolchain does not restore against
            // the Host's pinned package graph.
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}

using BenchmarkDotNet.Attributes;
using Etl.Parquet.Writing;

namespace Etl.Benchmarks.Parquet;

/// <summary>
/// The Parquet writer on a 2,000,000-row ventilator table with SNAPPY (defaults otherwise). <c>Encode</c> times
/// encoding filled column buffers into a Parquet stream (dictionary, pages, compression, statistics, footer);
/// <c>FillAndEncode</c> adds appending every value to the buffers, as a decoder does.
/// Throughput = <see cref="UncompressedBytes"/> / mean time; allocations per row = Allocated / 2,000,000.
/// Run: <c>dotnet run -c Release --project benchmarks/Etl.Benchmarks -- --filter '*ParquetWriterBenchmark*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ParquetWriterBenchmark
{
    private const int Rows = 2_000_000;
    private VentilatorTable _table = null!;
    private MemoryStream _output = null!;
    private ParquetWriter _writer = null!;

    /// <summary>Plain (uncompressed) size of the column values: 8 bytes per bigint/timestamp, 4 + length per string.</summary>
    public static long UncompressedBytes { get; private set; }

    private static ParquetWriterOptions Options => new() { RowGroupMaxRows = Rows };

    [GlobalSetup]
    public void Setup()
    {
        _table = new VentilatorTable(Rows);
        _output = new MemoryStream(64 << 20);
        using var probe = new ParquetWriter(Stream.Null, VentilatorSchema.Create(), Options);
        _table.Fill(probe);
        UncompressedBytes = probe.BufferedBytes;
        Console.WriteLine($"// ventilator table: {Rows} rows, {UncompressedBytes} bytes of uncompressed column data");
    }

    [IterationSetup(Target = nameof(Encode))]
    public void FillBuffers()
    {
        _output.SetLength(0);
        _writer = new ParquetWriter(_output, VentilatorSchema.Create(), Options);
        _table.Fill(_writer);
    }

    [IterationSetup(Target = nameof(FillAndEncode))]
    public void NewWriter()
    {
        _output.SetLength(0);
        _writer = new ParquetWriter(_output, VentilatorSchema.Create(), Options);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// file {_output.Length} bytes");
        _writer.Dispose();
    }

    [Benchmark]
    public long Encode()
    {
        _writer.CompleteRows(Rows);
        _writer.Complete();
        return _output.Length;
    }

    [Benchmark]
    public long FillAndEncode()
    {
        _table.Fill(_writer);
        _writer.CompleteRows(Rows);
        _writer.Complete();
        return _output.Length;
    }
}

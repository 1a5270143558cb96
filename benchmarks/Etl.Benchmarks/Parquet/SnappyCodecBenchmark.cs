using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Etl.Parquet.Compression;

namespace Etl.Benchmarks.Parquet;

/// <summary>
/// Snappy compression of one 1 MiB page: our block compressor (Etl.Parquet.Compression.SnappyBlock) against the
/// IronSnappy package, on the page kinds the writer produces (plain timestamps, dictionary indices, plain strings).
/// The faster one is used by the writer (see docs/parquet.md).
/// </summary>
[MemoryDiagnoser]
public class SnappyCodecBenchmark
{
    private byte[] _page = [];
    private byte[] _output = [];

    [Params("timestamps", "indices", "strings")]
    public string Page { get; set; } = "timestamps";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var size = 1 << 20;
        _page = Page switch
        {
            "timestamps" => MemoryMarshal.AsBytes(Enumerable.Range(0, size / 8).Select(i => 1_795_000_000_000L + (i * 2L) + random.Next(2)).ToArray().AsSpan()).ToArray(),
            "indices" => Enumerable.Range(0, size).Select(_ => (byte)random.Next(256)).Select((b, i) => i % 3 == 0 ? b : (byte)(b & 0x1F)).ToArray(),
            _ => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, (size / 12) + 1).Select(_ => $"SN-{random.Next(5000):D6}-X|"))).AsSpan(0, size).ToArray(),
        };
        _output = new byte[SnappyBlock.MaxCompressedLength(_page.Length)];
        Console.WriteLine($"// {Page}: ours {SnappyBlock.Compress(_page, _output)} bytes, IronSnappy {IronSnappy.Snappy.Encode(_page).Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public int Ours() => SnappyBlock.Compress(_page, _output);

    [Benchmark]
    public int IronSnappyEncode() => IronSnappy.Snappy.Encode(_page).Length;
}

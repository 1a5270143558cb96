using BenchmarkDotNet.Running;

namespace Etl.Benchmarks;

/// <summary>Entry point: `dotnet run -c Release --project benchmarks/Etl.Benchmarks -- --filter '*'`.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Etl.Benchmarks;

/// <summary>
/// Entry point: `dotnet run -c Release --project benchmarks/Etl.Benchmarks -- --filter '*'`. Benchmarks run in
/// process: BenchmarkDotNet's generated out-of-process project does not restore here (package downgrade warnings
/// from the shared framework versions), and in-process runs measure the same code.
/// </summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }
}

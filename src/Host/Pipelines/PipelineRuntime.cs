using Etl.Batching.Commit;

namespace Etl.Host.Pipelines;

/// <summary>One configured pipeline: its name and how to build a fresh engine (after a failure, buffers start empty).</summary>
public sealed record PipelineRuntime(string Name, Func<CancellationToken, Task<PipelineEngine>> CreateEngineAsync);

using Etl.Batching.Commit;
using Etl.Core.Contracts;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;

namespace Etl.Host.Operations;

/// <summary>
/// A table the operations jobs look after: its pipeline definition, the time zone of its hour partitions, and the
/// object store its files and dead letters are in (the pipeline's own <c>Output</c> location, or the shared store).
/// </summary>
internal sealed record OperationsTable(PipelineDefinition Definition, TimeZoneInfo Zone, IObjectStore Store)
{
    /// <summary>The tables of the configured pipelines (the demo pipelines when none are configured).</summary>
    public static IReadOnlyList<OperationsTable> From(EtlOptions options, PipelineStores stores) => PipelineFactory.Expand(options)
        .Select(p => new OperationsTable(PipelineFactory.Define(options, p), EtlOptionsValidator.TryZone(p.Partitioning.TimeZone) ?? TimeZoneInfo.Utc, stores.For(p)))
        .DistinctBy(t => (t.Definition.Database, t.Definition.Table))
        .ToList();
}

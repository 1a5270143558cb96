using Etl.Batching.Commit;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;

namespace Etl.Host.Operations;

/// <summary>A table the operations jobs look after: its pipeline definition and the time zone of its hour partitions.</summary>
internal sealed record OperationsTable(PipelineDefinition Definition, TimeZoneInfo Zone)
{
    /// <summary>The tables of the configured pipelines (the demo pipelines when none are configured).</summary>
    public static IReadOnlyList<OperationsTable> From(EtlOptions options) => PipelineFactory.Expand(options)
        .Select(p => new OperationsTable(PipelineFactory.Define(options, p), EtlOptionsValidator.TryZone(p.Partitioning.TimeZone) ?? TimeZoneInfo.Utc))
        .DistinctBy(t => (t.Definition.Database, t.Definition.Table))
        .ToList();
}

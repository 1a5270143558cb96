using Quartz;

namespace Etl.Host.Operations;

/// <summary>Quartz job: <see cref="PartitionCloser"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class ClosePartitionsJob(PartitionCloser closer) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await closer.RunAsync(cancellationToken);
}

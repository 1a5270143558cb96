using Quartz;

namespace Etl.Host.Operations;

/// <summary>Quartz job: <see cref="DeadLetterPurger"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class PurgeDeadLettersJob(DeadLetterPurger purger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await purger.RunAsync(cancellationToken);
}

using Quartz;

namespace Etl.Host.Operations;

/// <summary>Quartz job: <see cref="CatalogReconciler"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class ReconcileCatalogJob(CatalogReconciler reconciler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reconciler.RunAsync(cancellationToken);
}

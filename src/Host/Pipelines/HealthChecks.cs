using Etl.Core.Contracts;
using Etl.SchemaGovernance.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Etl.Host.Pipelines;

/// <summary>Ready when every configured pipeline is running (or has finished its bounded source).</summary>
internal sealed class PipelinesHealthCheck(PipelineHostedService service, IEnumerable<PipelineRuntime> pipelines) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configured = pipelines.Count();
        var running = service.Running;
        var finished = service.Finished;
        return Task.FromResult(running + finished >= configured
            ? HealthCheckResult.Healthy($"{running} of {configured} pipelines running, {finished} finished")
            : HealthCheckResult.Unhealthy($"{running} of {configured} pipelines running, {finished} finished (the others are restarting after a failure)"));
    }
}

/// <summary>
/// Ready when every object store the pipelines write to answers (the shared one and each pipeline's own
/// <c>Output</c> location) and the schema registry can list its schemas: real operations, so a missing bucket, revoked
/// credentials or an unreadable registry folder show here.
/// </summary>
internal sealed class StorageHealthCheck(PipelineStores pipelineStores, ISchemaRegistry registry, Configuration.EtlOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stores = PipelineFactory.Expand(options).Select(pipelineStores.For).Prepend(pipelineStores.Shared).DistinctBy(s => s.Location).ToList();
        foreach (var store in stores)
        {
            try
            {
                await store.ExistsAsync("_health", cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"object store {store.Location} does not answer: {e.Message}");
            }
        }

        try
        {
            await registry.ListSchemasAsync(options.Registry.Name, cancellationToken);
        }
        catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.EntityNotFound)
        {
            // No registry yet: it is created with the first schema.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"schema registry does not answer: {e.Message}");
        }

        return HealthCheckResult.Healthy($"object stores {string.Join(", ", stores.Select(s => s.Location))} and registry answer");
    }
}

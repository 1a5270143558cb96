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
/// Ready when the object store answers and the schema registry can list its schemas: real operations, so a missing
/// bucket, revoked credentials or an unreadable registry folder show here.
/// </summary>
internal sealed class StorageHealthCheck(IObjectStore store, ISchemaRegistry registry, Configuration.EtlOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ExistsAsync("_health", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"object store {store.Location} does not answer: {e.Message}");
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

        return HealthCheckResult.Healthy($"object store {store.Location} and registry answer");
    }
}

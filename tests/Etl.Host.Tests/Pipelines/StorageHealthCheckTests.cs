using System.Runtime.CompilerServices;
using Etl.Batching.Storage.Folder;
using Etl.Core.Contracts;
using Etl.Host.Pipelines;
using Etl.Host.Tests.Configuration;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Etl.Host.Tests.Pipelines;

public sealed class StorageHealthCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-storage-health-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Check_pipelineWithItsOwnBucketThatDoesNotAnswer_isUnhealthyNamingThatStore()
    {
        var options = EtlOptionsValidatorTests.Bind(
            ("Etl:Mode", "Aws"),
            ("Etl:DataRoot", _root),
            ("Etl:Aws:Bucket", "lake"),
            ("Etl:Pipelines:0:Name", "a"),
            ("Etl:Pipelines:0:Source:Type", "Kinesis"),
            ("Etl:Pipelines:0:Source:Stream", "s"),
            ("Etl:Pipelines:1:Name", "b"),
            ("Etl:Pipelines:1:Source:Type", "Kinesis"),
            ("Etl:Pipelines:1:Source:Stream", "s2"),
            ("Etl:Pipelines:1:Output:Bucket", "other"));
        using var stores = new PipelineStores(options, new FolderObjectStore(Path.Combine(_root, "shared")), (bucket, _) => new SilentStore($"s3://{bucket}/"));
        using var registry = new FolderSchemaRegistry(Path.Combine(_root, "registry"), TimeProvider.System, f => PairwiseCheckerFactory.Create(f));

        var result = await new StorageHealthCheck(stores, registry, options).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("s3://other/", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_everyStoreAnswering_isHealthyListingThem()
    {
        var options = EtlOptionsValidatorTests.Bind(("Etl:DataRoot", _root), ("Etl:Pipelines:0:Name", "a"), ("Etl:Pipelines:1:Name", "b"), ("Etl:Pipelines:1:Output:Folder", Path.Combine(_root, "own")));
        using var stores = new PipelineStores(options, new FolderObjectStore(_root));
        using var registry = new FolderSchemaRegistry(Path.Combine(_root, "registry"), TimeProvider.System, f => PairwiseCheckerFactory.Create(f));

        var result = await new StorageHealthCheck(stores, registry, options).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(new FolderObjectStore(Path.Combine(_root, "own")).Location, result.Description, StringComparison.Ordinal);
    }

    /// <summary>An object store whose endpoint never answers.</summary>
    private sealed class SilentStore(string location) : IObjectStore
    {
        public string Location => location;

        private static HttpRequestException Down() => new("connection refused");

        public Task PutAsync(string key, Stream content, CancellationToken cancellationToken) => throw Down();

        public Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken) => throw Down();

        public Task<Stream?> GetAsync(string key, CancellationToken cancellationToken) => throw Down();

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => throw Down();

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw Down();

        public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw Down();
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }
}

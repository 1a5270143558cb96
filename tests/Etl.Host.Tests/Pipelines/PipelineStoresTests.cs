using Etl.Batching.Storage.Folder;
using Etl.Core.Contracts;
using Etl.Host.Pipelines;
using Etl.Host.Tests.Configuration;

namespace Etl.Host.Tests.Pipelines;

public sealed class PipelineStoresTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-stores-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void For_local_pipeline_without_folder_uses_the_shared_store()
    {
        var options = EtlOptionsValidatorTests.Bind(("Etl:DataRoot", _root), ("Etl:Pipelines:0:Name", "a"), ("Etl:Pipelines:1:Name", "b"), ("Etl:Pipelines:1:Output:Folder", _root));
        var shared = new FolderObjectStore(_root);
        using var stores = new PipelineStores(options, shared);

        Assert.Same(shared, stores.For(options.Pipelines[0]));
        Assert.Same(shared, stores.For(options.Pipelines[1]));
    }

    [Fact]
    public void For_local_pipeline_with_folder_writes_there_and_shares_the_store_with_pipelines_of_that_folder()
    {
        var lake = Path.Combine(_root, "lake");
        var options = EtlOptionsValidatorTests.Bind(
            ("Etl:DataRoot", Path.Combine(_root, "data")),
            ("Etl:Pipelines:0:Name", "a"),
            ("Etl:Pipelines:0:Output:Folder", lake),
            ("Etl:Pipelines:1:Name", "b"),
            ("Etl:Pipelines:1:Output:Folder", lake + Path.DirectorySeparatorChar + "." + Path.DirectorySeparatorChar));
        using var stores = new PipelineStores(options, new FolderObjectStore(Path.Combine(_root, "data")));

        var a = stores.For(options.Pipelines[0]);

        Assert.Equal(new Uri(lake + Path.DirectorySeparatorChar).AbsoluteUri, a.Location);
        Assert.Same(a, stores.For(options.Pipelines[1]));
        Assert.True(Directory.Exists(lake));
    }

    [Fact]
    public void For_aws_pipeline_defaults_bucket_and_prefix_to_the_shared_ones_separately()
    {
        var options = EtlOptionsValidatorTests.Bind(
            ("Etl:Mode", "Aws"),
            ("Etl:Aws:Bucket", "lake"),
            ("Etl:Aws:Prefix", "team"),
            ("Etl:Pipelines:0:Name", "shared"),
            ("Etl:Pipelines:1:Name", "own-bucket"),
            ("Etl:Pipelines:1:Output:Bucket", "other"),
            ("Etl:Pipelines:2:Name", "own-prefix"),
            ("Etl:Pipelines:2:Output:Prefix", "tables/"),
            ("Etl:Pipelines:3:Name", "same-as-shared"),
            ("Etl:Pipelines:3:Output:Prefix", "team/"));
        var created = new List<(string Bucket, string Prefix)>();
        var shared = new NamedStore("s3://lake/team/");
        using var stores = new PipelineStores(options, shared, (bucket, prefix) =>
        {
            created.Add((bucket, prefix));
            return new NamedStore($"s3://{bucket}/{prefix}");
        });

        Assert.Same(shared, stores.For(options.Pipelines[0]));
        Assert.Equal("s3://other/team", stores.For(options.Pipelines[1]).Location);
        Assert.Equal("s3://lake/tables/", stores.For(options.Pipelines[2]).Location);
        Assert.Same(shared, stores.For(options.Pipelines[3]));
        Assert.Same(stores.For(options.Pipelines[1]), stores.For(options.Pipelines[1]));
        Assert.Equal([("other", "team"), ("lake", "tables/")], created);
    }

    /// <summary>A store that only has a location (the tests never read or write through it).</summary>
    private sealed class NamedStore(string location) : IObjectStore
    {
        public string Location => location;

        public Task PutAsync(string key, Stream content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream?> GetAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

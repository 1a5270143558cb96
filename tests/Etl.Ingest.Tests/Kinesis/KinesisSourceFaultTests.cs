using System.Net;
using Etl.Aws;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Kinesis;

public sealed class KinesisSourceFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("etl-leases-").FullName;

    [Fact]
    public async Task ReadAsync_lease_loop_fault_ends_the_read_with_that_exception()
    {
        var endpoint = new AwsServiceEndpoint("Kinesis", "kinesis", "Kinesis_20131202", new Uri("http://127.0.0.1:1/"), "us-east-1");
        var kinesis = new KinesisClient(new AwsJsonClient(endpoint, new HttpClient(new FailingHandler()), new AwsJsonClientOptions { Retry = AwsRetryOptions.None }));
        var store = new FileLeaseStore(Path.Combine(_dir, "leases.json"));
        var source = new KinesisSource(kinesis, new FailingCoordinator(), store, new KinesisSourceOptions { StreamName = "s" });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(CancellationToken.None))
            {
                Assert.Fail("no batch expected, got one for " + batch.ShardId);
            }
        });

        Assert.Equal("lease table unreachable", ex.Message);
        Assert.IsType<AwsServiceException>(source.LastFault);
    }

    [Fact]
    public void Options_out_of_range_names_the_setting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new KinesisSourceOptions { StreamName = "s", GetRecordsLimit = 20_000 }.Validate());
        Assert.Contains("GetRecordsLimit", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KinesisSourceOptions { StreamName = "s", InitialPosition = ShardIteratorType.AtTimestamp }.Validate());
        KinesisSourceOptions.Bulk("s").Validate();
        KinesisSourceOptions.LowLatency("s").Validate();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"__type":"ResourceNotFoundException","message":"no stream"}""") });
    }

    private sealed class FailingCoordinator : ILeaseCoordinator, ICheckpointer
    {
        public string WorkerId => "failing";

        public IReadOnlyList<OwnedLease> OwnedLeases => [];

        public ICheckpointer Checkpointer => this;

        public Task RunAsync(CancellationToken cancellationToken) => Task.FromException(new InvalidOperationException("lease table unreachable"));

        public void NoteChildShards(string shardId, IReadOnlyList<string> childShardIds)
        {
        }

        public Task ReleaseAllAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<LeaseState?> GetAsync(string shardId, CancellationToken cancellationToken) => Task.FromResult<LeaseState?>(null);

        public Task<bool> RecordIntentAsync(string shardId, string intentJson, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> CommitAsync(string shardId, Etl.Core.Records.StreamPosition? checkpoint, string? committedStateJson, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> CommitShardEndAsync(string shardId, CancellationToken cancellationToken) => Task.FromResult(false);

        public long? CurrentHolding(string shardId) => null;

        public Task<bool> RecordIntentAsync(string shardId, long holding, string intentJson, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> CommitAsync(string shardId, long holding, Etl.Core.Records.StreamPosition? checkpoint, string? committedStateJson, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> CommitShardEndAsync(string shardId, long holding, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}

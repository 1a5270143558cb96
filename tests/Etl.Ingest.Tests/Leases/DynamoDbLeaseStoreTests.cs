using Etl.Aws;
using Etl.Ingest.Leases;
using Etl.Ingest.Tests.Kinesis;

namespace Etl.Ingest.Tests.Leases;

[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbLeaseStoreTests(LocalAws aws) : LeaseStoreContract, IDisposable
{
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient _dynamo = DynamoDbLeaseStoreFactory.CreateClient(
        new AwsEndpointSettings { EndpointUrl = new Uri(aws.Dynalite.Endpoint), Region = "us-east-1", UseProfileRegion = false });

    protected override async Task<ILeaseStore> CreateStoreAsync()
    {
        var store = new DynamoDbLeaseStore(_dynamo, "leases-" + Guid.NewGuid().ToString("N")[..12]);
        await store.EnsureCreatedAsync(CancellationToken.None);
        await store.EnsureCreatedAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task DynamoDb_item_uses_kcl_attribute_names_and_types()
    {
        var store = (DynamoDbLeaseStore)await CreateStoreAsync();
        var lease = Some.Lease("shardId-000000000001", "w", 0) with { ParentShardIds = ["shardId-000000000000"], PendingIntent = "{}" };
        await store.CreateIfAbsentAsync(lease, CancellationToken.None);
        var item = (await _dynamo.GetItemAsync(store.TableName, new() { ["leaseKey"] = new() { S = lease.LeaseKey } })).Item;
        Assert.Equal("w", item["leaseOwner"].S);
        Assert.Equal("0", item["leaseCounter"].N);
        Assert.Equal("TRIM_HORIZON", item["checkpoint"].S);
        Assert.Equal("0", item["checkpointSubSequenceNumber"].N);
        Assert.Equal("0", item["ownerSwitchesSinceCheckpoint"].N);
        Assert.Equal(["shardId-000000000000"], item["parentShardId"].SS);
        Assert.Equal("{}", item["etlPendingIntent"].S);
        Assert.False(item.ContainsKey("childShardIds"));
    }

    public void Dispose() => _dynamo.Dispose();
}

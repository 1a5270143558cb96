using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Etl.Aws;

namespace Etl.Ingest.Leases;

/// <summary>
/// Builds the DynamoDB client for the lease table from the same endpoint rules as the other AWS clients
/// (<see cref="AwsServiceEndpoint.Resolve"/> with service id "DynamoDB": configuration, AWS_ENDPOINT_URL_DYNAMODB,
/// AWS_ENDPOINT_URL, then the regional endpoint). A loopback endpoint (dynalite) gets static test credentials.
/// </summary>
public static class DynamoDbLeaseStoreFactory
{
    /// <summary>Creates the client; dispose it with the store's owner.</summary>
    public static AmazonDynamoDBClient CreateClient(AwsEndpointSettings? settings = null, AWSCredentials? credentials = null)
    {
        var endpoint = AwsServiceEndpoint.Resolve("DynamoDB", "dynamodb", "DynamoDB_20120810", settings);
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.Url.ToString(),
            AuthenticationRegion = endpoint.Region,
            MaxErrorRetry = 4,
        };
        credentials ??= endpoint.IsLoopback ? new BasicAWSCredentials("local-test-key", "local-test-secret") : null;
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }
}

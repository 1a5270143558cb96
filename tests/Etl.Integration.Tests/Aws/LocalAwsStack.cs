using System.Globalization;
using System.Text.Json.Nodes;
using Etl.Aws;
using Etl.TestSupport;

namespace Etl.Integration.Tests.Aws;

/// <summary>kinesalite, dynalite and s3rver (npm) on loopback: the AWS code path with no AWS account.</summary>
public sealed class LocalAwsStack : IAsyncLifetime
{
    public const string Bucket = "lake";

    private readonly List<NodeServer> _servers = [];

    public string S3Folder { get; } = Directory.CreateTempSubdirectory("etl-s3rver-").FullName;

    public NodeServer Kinesis => _servers[0];

    public NodeServer Dynamo => _servers[1];

    public NodeServer S3 => _servers[2];

    public async Task InitializeAsync()
    {
        _servers.Add(await NodeServer.StartPackageAsync("kinesalite/cli.js", p => ["--port", p.ToString(CultureInfo.InvariantCulture), "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0"]));
        _servers.Add(await NodeServer.StartPackageAsync("dynalite/cli.js", p => ["--port", p.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]));
        _servers.Add(await NodeServer.StartAsync(Path.Combine("contract-server", "s3rver.mjs"), p => ["--port", p.ToString(CultureInfo.InvariantCulture), "--directory", S3Folder, "--bucket", Bucket]));
    }

    /// <summary>The environment a process needs to use the stack through the SDK conventions.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["AWS_ENDPOINT_URL_KINESIS"] = Kinesis.Endpoint,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = Dynamo.Endpoint,
        ["AWS_ENDPOINT_URL_S3"] = S3.Endpoint,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
    };

    /// <summary>Creates a stream and waits until it is ACTIVE.</summary>
    public async Task CreateStreamAsync(string name, int shards)
    {
        var client = new AwsJsonClient(AwsServiceEndpoint.Kinesis(new AwsEndpointSettings
        {
            EndpointUrl = new Uri(Kinesis.Endpoint),
            Region = "us-east-1",
            EnvironmentVariable = _ => null,
            UseProfileRegion = false,
        }));
        await client.SendAsync("CreateStream", new JsonObject { ["StreamName"] = name, ["ShardCount"] = shards }, CancellationToken.None);
        for (var i = 0; i < 100; i++)
        {
            var summary = await client.SendAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = name }, CancellationToken.None);
            if (summary["StreamDescriptionSummary"]?["StreamStatus"]?.GetValue<string>() == "ACTIVE")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"stream {name} did not become ACTIVE");
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(S3Folder, recursive: true);
        }
        catch (IOException)
        {
            // s3rver may still hold a file; the OS cleans temp folders.
        }
    }
}

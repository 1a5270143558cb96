using Amazon.Runtime;
using Etl.Aws;
using Etl.Batching.Storage.S3;
using Etl.TestSupport;

namespace Etl.Batching.Tests.Storage.S3;

/// <summary>s3rver on a free loopback port over a temporary folder, with one bucket.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "store-tests";

    private NodeServer? _server;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "etl-s3-" + Guid.NewGuid().ToString("N"));

    public string Endpoint => _server!.Endpoint;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        _server = await NodeServer.StartAsync(
            Path.Combine("contract-server", "s3rver.mjs"),
            port => ["--port", port.ToString(), "--directory", Directory, "--bucket", Bucket]);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    public S3ObjectStoreOptions Options(string prefix, int partSize = 8 * 1024 * 1024, long threshold = 16 * 1024 * 1024) => new()
    {
        Bucket = Bucket,
        Prefix = prefix,
        Endpoint = new AwsEndpointSettings { EndpointUrl = new Uri(Endpoint), Region = "us-east-1", EnvironmentVariable = _ => null, UseProfileRegion = false },
        Credentials = new BasicAWSCredentials("S3RVER", "S3RVER"),
        PartSize = partSize,
        MultipartThreshold = threshold,
        MaxRetries = 2,
    };

    /// <summary>The file s3rver keeps an object's body in.</summary>
    public string ObjectFile(string key) => Path.Combine(Directory, Bucket, key.Replace('/', Path.DirectorySeparatorChar) + "._S3rver_object");
}

using Etl.Aws;
using Etl.Ingest.Kinesis;
using Etl.TestSupport;

namespace Etl.Ingest.Tests.Kinesis;

/// <summary>kinesalite and dynalite on loopback, started once for the tests of the "local-aws" collection.</summary>
public sealed class LocalAws : IAsyncLifetime
{
    private NodeServer? _kinesalite;
    private NodeServer? _dynalite;

    public NodeServer Kinesalite => _kinesalite ?? throw new InvalidOperationException("not started");

    public NodeServer Dynalite => _dynalite ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _kinesalite = await NodeServer.StartPackageAsync(
            "kinesalite/cli.js",
            p => ["--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "200"]);
        _dynalite = await NodeServer.StartPackageAsync(
            "dynalite/cli.js",
            p => ["--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]);
    }

    public async Task DisposeAsync()
    {
        if (_kinesalite is not null)
        {
            await _kinesalite.DisposeAsync();
        }

        if (_dynalite is not null)
        {
            await _dynalite.DisposeAsync();
        }
    }

    /// <summary>A Kinesis client for <paramref name="url"/> (kinesalite, or a proxy in front of it).</summary>
    public static KinesisClient KinesisAt(string url, int attempts = 8) =>
        new(new AwsJsonClient(
            AwsServiceEndpoint.Kinesis(new AwsEndpointSettings { EndpointUrl = new Uri(url), Region = "us-east-1", UseProfileRegion = false }),
            null,
            new AwsJsonClientOptions { Retry = new AwsRetryOptions { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(500) } }));

    public KinesisClient Kinesis() => KinesisAt(Kinesalite.Endpoint);
}

[CollectionDefinition(Name)]
public sealed class LocalAwsCollection : ICollectionFixture<LocalAws>
{
    public const string Name = "local-aws";
}

using Etl.Aws;
using Etl.Catalog.Glue;
using Etl.TestSupport;

namespace Etl.Host.Tests.Support;

/// <summary>The Glue contract server (every request checked against the service model) on loopback, in a temp folder.</summary>
internal sealed class ContractGlue : IAsyncDisposable
{
    private readonly string _folder;
    private readonly NodeServer _server;

    private ContractGlue(string folder, NodeServer server)
    {
        _folder = folder;
        _server = server;
    }

    public string Endpoint => _server.Endpoint;

    public static async Task<ContractGlue> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("etl-glue-").FullName;
        var server = await NodeServer.StartAsync(
            Path.Combine("contract-server", "server.mjs"),
            port => ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--s3rver-dir", folder]);
        return new ContractGlue(folder, server);
    }

    /// <summary>A Glue client for the server, ignoring the machine's AWS settings.</summary>
    public GlueClient Client() => new(new AwsJsonClient(AwsServiceEndpoint.Glue(new AwsEndpointSettings
    {
        EndpointUrl = new Uri(_server.Endpoint),
        Region = "us-east-1",
        EnvironmentVariable = _ => null,
        UseProfileRegion = false,
    })));

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

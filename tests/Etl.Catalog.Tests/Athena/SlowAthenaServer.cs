using System.Text.Json.Nodes;
using Etl.Aws;
using Etl.Catalog.Athena;
using Etl.TestSupport;

namespace Etl.Catalog.Tests.Athena;

/// <summary>A contract server whose queries start only after a delay, so they stay QUEUED long enough to time out.</summary>
public sealed class SlowAthenaServer : IAsyncLifetime
{
    private NodeServer? _server;

    public async Task InitializeAsync() =>
        _server = await NodeServer.StartAsync(
            Path.Combine("contract-server", "server.mjs"),
            port => ["--port", port.ToString(), "--query-delay-ms", "5000"]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public AwsJsonClient Json() => new(AwsServiceEndpoint.Athena(new AwsEndpointSettings
    {
        EndpointUrl = new Uri(_server!.Endpoint),
        Region = "us-east-1",
        EnvironmentVariable = _ => null,
        UseProfileRegion = false,
    }));

    public AthenaClient Client(TimeSpan timeout) => new(Json(), new AthenaClientOptions
    {
        PollInitialDelay = TimeSpan.FromMilliseconds(20),
        PollMaxDelay = TimeSpan.FromMilliseconds(50),
        QueryTimeout = timeout,
    });

    public async Task<string?> StateAsync(string id)
    {
        var response = await Json().SendAsync("GetQueryExecution", new JsonObject { ["QueryExecutionId"] = id }, default);
        return (string?)response["QueryExecution"]!["Status"]!["State"];
    }

    public async Task<int> ViolationCountAsync()
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(_server!.Endpoint + "/__violations"))!.AsArray().Count;
    }
}

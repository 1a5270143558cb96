using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Etl.Aws;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry.Glue;
using Etl.TestSupport;

namespace Etl.SchemaGovernance.Tests.Registry.Glue;

/// <summary>
/// The Glue contract server (tests/tools/contract-server) on a free loopback port for one test class. Tests call
/// <see cref="ResetAsync"/> first, so each starts with an empty registry store, no faults and no recorded violations.
/// </summary>
public sealed class GlueRegistryServer : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private NodeServer? _server;

    public string Endpoint => _server!.Endpoint;

    public async Task InitializeAsync() =>
        _server = await NodeServer.StartAsync(Path.Combine("contract-server", "server.mjs"), port => ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _http.Dispose();
    }

    /// <summary>A registry over a fresh client whose requests <paramref name="calls"/> counts by operation.</summary>
    public GlueSchemaRegistry Registry(CallCounter? calls = null, GlueSchemaRegistryOptions? options = null, Func<string, IPairwiseChecker>? checkerFor = null,
        RecordingLogger<GlueSchemaRegistry>? logger = null)
    {
        var http = new HttpClient(calls ?? new CallCounter()) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new AwsJsonClient(AwsServiceEndpoint.Glue(new AwsEndpointSettings
        {
            EndpointUrl = new Uri(Endpoint),
            Region = "us-east-1",
            EnvironmentVariable = _ => null,
            UseProfileRegion = false,
        }), http, new AwsJsonClientOptions { Retry = AwsRetryOptions.None });
        return new GlueSchemaRegistry(client, options ?? FastPolling, checkerFor: checkerFor, logger: logger);
    }

    public static GlueSchemaRegistryOptions FastPolling { get; } = new()
    {
        PollInitialDelay = TimeSpan.FromMilliseconds(10),
        PollMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    public async Task ResetAsync()
    {
        foreach (var path in new[] { "/__registry/reset", "/__violations/reset", "/__faults/reset" })
        {
            using var response = await _http.PostAsync(Endpoint + path, null);
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task AssertNoViolationsAsync()
    {
        var violations = JsonNode.Parse(await _http.GetStringAsync(Endpoint + "/__violations"))!.AsArray();
        Assert.True(violations.Count == 0, "requests broke the Glue service model: " + violations.ToJsonString());
    }

    /// <summary>The next <paramref name="count"/> calls of <c>AWSGlue.{operation}</c> fail with the error.</summary>
    public async Task InjectFaultAsync(string operation, string errorType, int count = 1, int status = 400)
    {
        using var response = await _http.PostAsJsonAsync(Endpoint + "/__faults", new { target = "AWSGlue." + operation, errorType, count, status });
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Counts the requests sent, by Glue operation.</summary>
public sealed class CallCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public int this[string operation] => _calls.GetValueOrDefault(operation);

    public int Total => _calls.Values.Sum();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        _calls.AddOrUpdate(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..], 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}

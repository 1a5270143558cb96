using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Etl.Aws;
using Etl.Batching.Storage.S3;
using Etl.Catalog.Athena;
using Etl.Catalog.Glue;
using Etl.TestSupport;

namespace Etl.Catalog.Tests.Support;

/// <summary>
/// s3rver and the Glue/Athena contract server on free loopback ports, the contract server reading the Parquet files
/// s3rver stores. Shared by the tests of one collection; tests use their own table names.
/// </summary>
public sealed class ContractServers : IAsyncLifetime
{
    public const string Bucket = "lake";

    private readonly TempFolder _s3Folder = new();
    private readonly HttpClient _http = new();
    private NodeServer? _s3;
    private NodeServer? _contract;

    public string ContractEndpoint => _contract!.Endpoint;

    public string S3Endpoint => _s3!.Endpoint;

    public async Task InitializeAsync()
    {
        _s3 = await NodeServer.StartAsync(
            Path.Combine("contract-server", "s3rver.mjs"),
            port => ["--port", port.ToString(), "--directory", _s3Folder.Path, "--bucket", Bucket]);
        _contract = await NodeServer.StartAsync(
            Path.Combine("contract-server", "server.mjs"),
            port => ["--port", port.ToString(), "--s3rver-dir", _s3Folder.Path]);
    }

    public async Task DisposeAsync()
    {
        if (_contract is not null)
        {
            await _contract.DisposeAsync();
        }

        if (_s3 is not null)
        {
            await _s3.DisposeAsync();
        }

        _http.Dispose();
        _s3Folder.Dispose();
    }

    public AwsJsonClient GlueJson() => new(AwsServiceEndpoint.Glue(Settings(ContractEndpoint)));

    public AwsJsonClient AthenaJson() => new(AwsServiceEndpoint.Athena(Settings(ContractEndpoint)));

    public GlueClient Glue() => new(GlueJson());

    public GlueCatalog Catalog(GlueCatalogOptions? options = null) => new(Glue(), options);

    public AthenaClient Athena(AthenaClientOptions? options = null) =>
        new(AthenaJson(), options ?? new AthenaClientOptions { Database = "lake_tests", PollInitialDelay = TimeSpan.FromMilliseconds(20), PollMaxDelay = TimeSpan.FromMilliseconds(200) });

    public S3ObjectStore Store(string prefix = "") => new(new S3ObjectStoreOptions
    {
        Bucket = Bucket,
        Prefix = prefix,
        Endpoint = Settings(S3Endpoint),
        Credentials = new Amazon.Runtime.BasicAWSCredentials("S3RVER", "S3RVER"),
    });

    /// <summary>Requests that broke the service models since the start (or the last reset).</summary>
    public async Task<JsonArray> ViolationsAsync()
    {
        var json = await _http.GetStringAsync(ContractEndpoint + "/__violations");
        return JsonNode.Parse(json)!.AsArray();
    }

    public async Task AssertNoViolationsAsync()
    {
        var violations = await ViolationsAsync();
        Assert.True(violations.Count == 0, "requests broke the service models: " + violations.ToJsonString());
    }

    public async Task ResetViolationsAsync()
    {
        using var response = await _http.PostAsync(ContractEndpoint + "/__violations/reset", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next <paramref name="count"/> calls of the target fail with the error.</summary>
    public async Task InjectFaultAsync(string target, string errorType, int count = 1, int status = 400)
    {
        using var response = await _http.PostAsJsonAsync(ContractEndpoint + "/__faults", new { target, errorType, count, status });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Injected faults not used yet, as (target, remaining).</summary>
    public async Task<IReadOnlyList<(string Target, int Remaining)>> PendingFaultsAsync()
    {
        var json = JsonNode.Parse(await _http.GetStringAsync(ContractEndpoint + "/__faults"))!.AsArray();
        return json.Select(f => ((string)f!["target"]!, (int)f["remaining"]!)).ToList();
    }

    public async Task ResetFaultsAsync()
    {
        using var response = await _http.PostAsync(ContractEndpoint + "/__faults/reset", null);
        response.EnsureSuccessStatusCode();
    }

    private static AwsEndpointSettings Settings(string endpoint) => new()
    {
        EndpointUrl = new Uri(endpoint),
        Region = "us-east-1",
        EnvironmentVariable = _ => null,
        UseProfileRegion = false,
    };
}

[CollectionDefinition(Name)]
public sealed class ContractCollection : ICollectionFixture<ContractServers>
{
    public const string Name = "contract servers";
}

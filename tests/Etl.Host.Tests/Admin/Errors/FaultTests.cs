using System.Net.Http.Json;
using Etl.Host.Admin;
using Etl.Host.Admin.Security;
using Etl.Host.Configuration;
using Etl.SchemaGovernance.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Host.Tests.Admin.Errors;

public sealed class FaultTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "etl-admin-fault-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Storage_fault_is_500_problem_without_internals_and_nothing_is_audited()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:ApiKeys:0:Name"] = "ops",
            ["Admin:ApiKeys:0:Role"] = "admin",
            ["Admin:ApiKeys:0:Sha256"] = AdminKeyStore.HashHex("k"),
        });
        builder.Services.AddSingleton<ISchemaRegistry, FaultyRegistry>();
        builder.Services.AddAdminApi(builder.Configuration, new EtlOptions { DataRoot = _root });
        await using var app = builder.Build();
        app.MapAdminApi();
        await app.StartAsync();
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "k");

        using var read = await client.GetAsync("/api/registries/r/schemas");
        using var write = await client.PostAsJsonAsync("/api/registries", new { name = "r" });

        var detail = await Some.ProblemAsync(read, 500);
        Assert.DoesNotContain("input/output", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("input/output", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Some.ProblemAsync(write, 500);
        Assert.False(Directory.Exists(Path.Combine(_root, "audit")));
    }
}

using Etl.SchemaGovernance.Registry;

namespace Etl.SchemaGovernance.Tests.Registry.Glue;

/// <summary>The registry contract run against <see cref="Etl.SchemaGovernance.Registry.Glue.GlueSchemaRegistry"/> and the Glue contract server.</summary>
public sealed class GlueSchemaRegistryContractTests(GlueRegistryServer server) : SchemaRegistryContractTests, IClassFixture<GlueRegistryServer>, IAsyncLifetime
{
    private readonly ISchemaRegistry _registry = server.Registry();

    protected override ISchemaRegistry Registry => _registry;

    public Task InitializeAsync() => server.ResetAsync();

    public Task DisposeAsync() => server.AssertNoViolationsAsync();
}

using Etl.SchemaGovernance.Registry;

namespace Etl.SchemaGovernance.Tests.Registry;

/// <summary>The registry contract run against <see cref="FolderSchemaRegistry"/> in a temporary folder.</summary>
public sealed class FolderSchemaRegistryContractTests : SchemaRegistryContractTests, IDisposable
{
    private readonly RegistryFixture _fixture = new();

    protected override ISchemaRegistry Registry => _fixture.Registry;

    protected override DateTimeOffset? ExpectedCreatedTime => _fixture.Clock.GetUtcNow();

    public void Dispose() => _fixture.Dispose();
}

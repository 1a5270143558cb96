using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.SchemaGovernance.Tests.Registry;

public sealed class RegistryLimitsTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RegistryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("ünïcode")]
    public async Task CreateRegistry_invalid_name_is_invalid_input(string name)
    {
        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => _fixture.Registry.CreateRegistryAsync(name, null, None));

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
        Assert.Equal("InvalidInputException", error.ErrorCode);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("A-b_c$d#e.f")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task CreateRegistry_valid_name_is_stored_inside_the_root(string name)
    {
        await _fixture.Registry.CreateRegistryAsync(name, null, None);
        await _fixture.Registry.CreateSchemaAsync(new CreateSchemaRequest(new SchemaId(name, name), "JSON", CompatibilityMode.None, "{}"), None);

        Assert.Single(await _fixture.Registry.ListSchemasAsync(name, None));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_fixture.Root)!, "registry.json")));
    }

    [Fact]
    public async Task CreateRegistry_name_of_256_characters_is_invalid_and_255_is_accepted()
    {
        await _fixture.Registry.CreateRegistryAsync(new string('r', 255), null, None);

        await Assert.ThrowsAsync<SchemaRegistryException>(() => _fixture.Registry.CreateRegistryAsync(new string('r', 256), null, None));
    }

    [Fact]
    public async Task CreateSchema_definition_over_170000_characters_is_invalid()
    {
        await _fixture.Registry.CreateRegistryAsync("sales", null, None);
        var big = "{\"description\":\"" + new string('x', SchemaRegistryLimits.MaxDefinitionLength) + "\"}";

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _fixture.Registry.CreateSchemaAsync(new CreateSchemaRequest(RegistryFixture.Orders, "JSON", CompatibilityMode.None, big), None));

        Assert.Contains("170000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"type\":\"strin\"}")]
    [InlineData("{\"$ref\":\"#/definitions/missing\"}")]
    [InlineData("   ")]
    public async Task CreateSchema_invalid_definition_is_invalid_input(string definition)
    {
        await _fixture.Registry.CreateRegistryAsync("sales", null, None);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _fixture.Registry.CreateSchemaAsync(new CreateSchemaRequest(RegistryFixture.Orders, "JSON", CompatibilityMode.None, definition), None));

        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task CreateSchema_unknown_format_and_long_description_are_invalid()
    {
        await _fixture.Registry.CreateRegistryAsync("sales", null, None);

        await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _fixture.Registry.CreateSchemaAsync(new CreateSchemaRequest(RegistryFixture.Orders, "PROTOBUF", CompatibilityMode.None, "{}"), None));
        await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _fixture.Registry.CreateSchemaAsync(new CreateSchemaRequest(RegistryFixture.Orders, "JSON", CompatibilityMode.None, "{}", new string('d', 2049)), None));
        await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _fixture.Registry.CreateSchemaAsync(new CreateSchemaRequest(RegistryFixture.Orders, "JSON", CompatibilityMode.None, "{}", "bell\u0007"), None));
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("k", "")]
    [InlineData("has space", "v")]
    [InlineData("k", "tab\tvalue")]
    public async Task PutSchemaVersionMetadata_invalid_pair_is_invalid_input(string key, string value)
    {
        await _fixture.CreateOrdersAsync(CompatibilityMode.None);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _fixture.Registry.PutSchemaVersionMetadataAsync(SchemaVersionReference.ByNumber(RegistryFixture.Orders, 1), key, value, None));

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
    }

    [Fact]
    public async Task PutSchemaVersionMetadata_key_129_and_value_257_characters_are_invalid()
    {
        await _fixture.CreateOrdersAsync(CompatibilityMode.None);
        var v1 = SchemaVersionReference.ByNumber(RegistryFixture.Orders, 1);

        await _fixture.Registry.PutSchemaVersionMetadataAsync(v1, new string('k', 128), new string('v', 256), None);
        await Assert.ThrowsAsync<SchemaRegistryException>(() => _fixture.Registry.PutSchemaVersionMetadataAsync(v1, new string('k', 129), "v", None));
        await Assert.ThrowsAsync<SchemaRegistryException>(() => _fixture.Registry.PutSchemaVersionMetadataAsync(v1, "k", new string('v', 257), None));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("a")]
    [InlineData("5-3")]
    [InlineData("05")]
    [InlineData("100001")]
    public async Task DeleteSchemaVersions_bad_range_is_invalid_input(string versions)
    {
        await _fixture.CreateOrdersAsync(CompatibilityMode.None);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _fixture.Registry.DeleteSchemaVersionsAsync(RegistryFixture.Orders, versions, None));

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
    }
}

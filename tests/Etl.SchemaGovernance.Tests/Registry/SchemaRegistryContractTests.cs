using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Compatibility.Json;
using Etl.SchemaGovernance.Registry;

namespace Etl.SchemaGovernance.Tests.Registry;

/// <summary>
/// The behaviour every <see cref="ISchemaRegistry"/> backend must show (Glue's semantics). A backend's test class derives
/// from this one and supplies an empty registry store.
/// </summary>
public abstract class SchemaRegistryContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>An empty store; "sales" is created by the tests that need it.</summary>
    protected abstract ISchemaRegistry Registry { get; }

    /// <summary>The clock reading the backend stamps versions with, when the test controls it.</summary>
    protected virtual DateTimeOffset? ExpectedCreatedTime => null;

    private async Task CreateOrdersAsync(CompatibilityMode mode, string? first = null)
    {
        await Registry.CreateRegistryAsync("sales", "test registry", None);
        await Registry.CreateSchemaAsync(new CreateSchemaRequest(RegistryFixture.Orders, "JSON", mode, first ?? RegistryFixture.Object("id")), None);
    }

    [Fact]
    public async Task CreateSchema_first_version_is_one_available_and_the_checkpoint()
    {
        await Registry.CreateRegistryAsync("sales", null, None);
        var created = await Registry.CreateSchemaAsync(
            new CreateSchemaRequest(RegistryFixture.Orders, "json", CompatibilityMode.Backward, RegistryFixture.Object("id"), "orders"), None);

        Assert.Equal(SchemaVersionStatus.Available, created.SchemaVersionStatus);
        Assert.Equal(1, created.Schema.SchemaCheckpoint);
        Assert.Equal(1, created.Schema.LatestSchemaVersion);
        Assert.Equal(2, created.Schema.NextSchemaVersion);
        Assert.Equal("JSON", created.Schema.DataFormat);
        var version = await Registry.GetSchemaVersionAsync(SchemaVersionReference.ById(created.SchemaVersionId), None);
        Assert.Equal(1, version.VersionNumber);
        Assert.Equal(ExpectedCreatedTime ?? version.CreatedTime, version.CreatedTime);
        Assert.NotEqual(default, version.CreatedTime);
    }

    [Fact]
    public async Task RegisterSchemaVersion_compatible_versions_are_numbered_consecutively_with_distinct_ids()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward);

        var v2 = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object(), None);
        var v3 = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":[\"object\",\"null\"]}", None);

        Assert.Equal((2L, 3L), (v2.VersionNumber, v3.VersionNumber));
        Assert.Equal(SchemaVersionStatus.Available, v3.Status);
        Assert.NotEqual(v2.SchemaVersionId, v3.SchemaVersionId);
        var listed = await Registry.ListSchemaVersionsAsync(RegistryFixture.Orders, None);
        Assert.Equal([3L, 2L, 1L], listed.Select(v => v.VersionNumber));
    }

    [Fact]
    public async Task RegisterSchemaVersion_same_definition_reformatted_returns_existing_version()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward, "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}");

        var again = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders,
            "{\n  \"properties\": { \"id\": { \"type\": \"string\" } },\n  \"type\": \"object\"\n}", None);

        Assert.Equal(1, again.VersionNumber);
        Assert.Equal(2, (await Registry.GetSchemaAsync(RegistryFixture.Orders, None)).NextSchemaVersion);
        var byDefinition = await Registry.GetSchemaByDefinitionAsync(RegistryFixture.Orders, "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}", None);
        Assert.Equal(again.SchemaVersionId, byDefinition.SchemaVersionId);
    }

    [Fact]
    public async Task RegisterSchemaVersion_incompatible_is_recorded_as_failure_with_issues()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward, "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}");

        var failed = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders,
            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}", None);

        Assert.Equal(SchemaVersionStatus.Failure, failed.Status);
        Assert.Equal(2, failed.VersionNumber);
        var issue = Assert.Single(failed.Issues);
        Assert.Equal((1L, "#/properties/n/type", JsonDifferenceKinds.TypeNarrowed), (issue.Version, issue.Path, issue.Kind));
        var stored = await Registry.GetSchemaVersionAsync(SchemaVersionReference.ById(failed.SchemaVersionId), None);
        Assert.Equal(SchemaVersionStatus.Failure, stored.Status);
        Assert.Equal(issue.Kind, Assert.Single(stored.Issues).Kind);
        var latest = await Registry.GetSchemaVersionAsync(SchemaVersionReference.Latest(RegistryFixture.Orders), None);
        Assert.Equal(1, latest.VersionNumber);
    }

    [Fact]
    public async Task RegisterSchemaVersion_after_failure_checks_against_latest_available_and_takes_next_number()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward, "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}");
        await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":\"string\"}", None);

        var next = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":\"object\"}", None);

        Assert.Equal(SchemaVersionStatus.Available, next.Status);
        Assert.Equal(3, next.VersionNumber);
    }

    [Fact]
    public async Task RegisterSchemaVersion_disabled_second_version_is_refused()
    {
        await CreateOrdersAsync(CompatibilityMode.Disabled);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("id", "x"), None));

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
        Assert.Contains("DISABLED", error.Message, StringComparison.Ordinal);
        Assert.Single(await Registry.ListSchemaVersionsAsync(RegistryFixture.Orders, None));
    }

    [Fact]
    public async Task RegisterSchemaVersion_backward_all_after_checkpoint_moved_ignores_older_versions()
    {
        await CreateOrdersAsync(CompatibilityMode.None, "{\"type\":\"integer\"}");
        await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":\"string\"}", None);
        await Registry.UpdateSchemaAsync(new UpdateSchemaRequest(RegistryFixture.Orders, CompatibilityMode.BackwardAll, 2), None);

        var ok = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":[\"string\",\"null\"]}", None);
        await Registry.UpdateSchemaAsync(new UpdateSchemaRequest(RegistryFixture.Orders, CheckpointVersion: 1), None);
        var failed = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":[\"string\",\"null\",\"boolean\"]}", None);

        Assert.Equal(SchemaVersionStatus.Available, ok.Status);
        Assert.Equal(SchemaVersionStatus.Failure, failed.Status);
        Assert.Equal([1L], failed.Issues.Select(i => i.Version).Distinct());
    }

    [Fact]
    public async Task UpdateSchema_mode_without_checkpoint_is_invalid()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.UpdateSchemaAsync(new UpdateSchemaRequest(RegistryFixture.Orders, CompatibilityMode.Full), None));

        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task UpdateSchema_checkpoint_on_failed_version_is_invalid()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward, "{\"type\":\"number\"}");
        await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":\"integer\"}", None);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.UpdateSchemaAsync(new UpdateSchemaRequest(RegistryFixture.Orders, CheckpointVersion: 2), None));

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
    }

    [Fact]
    public async Task PutSchemaVersionMetadata_eleventh_pair_exceeds_limit()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward);
        var v1 = SchemaVersionReference.ByNumber(RegistryFixture.Orders, 1);
        for (var i = 0; i < SchemaRegistryLimits.MaxMetadataPairsPerVersion; i++)
        {
            await Registry.PutSchemaVersionMetadataAsync(v1, "owner", "team" + i, None);
        }

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => Registry.PutSchemaVersionMetadataAsync(v1, "k", "v", None));

        Assert.Equal(SchemaRegistryErrorCode.ResourceNumberLimitExceeded, error.Code);
        var metadata = await Registry.QuerySchemaVersionMetadataAsync(v1, null, None);
        Assert.Equal(9, Assert.Single(metadata).Value.OtherValues.Count);
    }

    [Fact]
    public async Task PutSchemaVersionMetadata_duplicate_pair_already_exists_and_remove_deletes_it()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward);
        var latest = SchemaVersionReference.Latest(RegistryFixture.Orders);
        var put = await Registry.PutSchemaVersionMetadataAsync(latest, "source", "kinesis", None);
        await Registry.PutSchemaVersionMetadataAsync(latest, "stage", "prod", None);

        var duplicate = await Assert.ThrowsAsync<SchemaRegistryException>(() => Registry.PutSchemaVersionMetadataAsync(latest, "source", "kinesis", None));
        await Registry.RemoveSchemaVersionMetadataAsync(latest, "source", "kinesis", None);
        var remaining = await Registry.QuerySchemaVersionMetadataAsync(latest, null, None);
        var filtered = await Registry.QuerySchemaVersionMetadataAsync(latest, [new("stage", "dev")], None);

        Assert.True(put.LatestVersion);
        Assert.Equal(SchemaRegistryErrorCode.AlreadyExists, duplicate.Code);
        Assert.Equal(["stage"], remaining.Keys);
        Assert.Empty(filtered);
        await Assert.ThrowsAsync<SchemaRegistryException>(() => Registry.RemoveSchemaVersionMetadataAsync(latest, "source", "kinesis", None));
    }

    [Fact]
    public async Task DeleteSchemaVersions_keeps_first_and_checkpoint_and_never_reuses_numbers()
    {
        await CreateOrdersAsync(CompatibilityMode.None);
        for (var i = 0; i < 3; i++)
        {
            await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("f" + i), None);
        }

        await Registry.UpdateSchemaAsync(new UpdateSchemaRequest(RegistryFixture.Orders, CheckpointVersion: 2), None);
        var errors = await Registry.DeleteSchemaVersionsAsync(RegistryFixture.Orders, "1-4", None);
        var next = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("g"), None);
        var listed = await Registry.ListSchemaVersionsAsync(RegistryFixture.Orders, None);

        Assert.Equal([1L, 2L], errors.Select(e => e.VersionNumber));
        Assert.Equal(5, next.VersionNumber);
        Assert.Equal([5L, 2L, 1L], listed.Select(v => v.VersionNumber));
        await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.GetSchemaVersionAsync(SchemaVersionReference.ByNumber(RegistryFixture.Orders, 4), None));
    }

    [Fact]
    public async Task GetSchemaByDefinition_unknown_definition_is_not_found_with_glue_message()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.GetSchemaByDefinitionAsync(RegistryFixture.Orders, "{\"type\":\"null\"}", None));
        var missingSchema = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.GetSchemaByDefinitionAsync(new SchemaId("sales", "nope"), "{\"type\":\"null\"}", None));

        Assert.Equal(404, error.HttpStatus);
        Assert.Contains("Schema version is not found.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Schema is not found.", missingSchema.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSchema_in_missing_default_registry_creates_it_but_other_registries_must_exist()
    {
        var id = new SchemaId(SchemaRegistryLimits.DefaultRegistryName, "s");
        await Registry.CreateSchemaAsync(new CreateSchemaRequest(id, "JSON", CompatibilityMode.Backward, "{}"), None);
        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.CreateSchemaAsync(new CreateSchemaRequest(new SchemaId("other", "s"), "JSON", CompatibilityMode.Backward, "{}"), None));

        Assert.Single(await Registry.ListSchemasAsync(SchemaRegistryLimits.DefaultRegistryName, None));
        Assert.Equal(SchemaRegistryErrorCode.EntityNotFound, error.Code);
    }

    [Fact]
    public async Task CreateRegistry_and_CreateSchema_twice_already_exist()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward);

        var registry = await Assert.ThrowsAsync<SchemaRegistryException>(() => Registry.CreateRegistryAsync("sales", null, None));
        var schema = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Registry.CreateSchemaAsync(new CreateSchemaRequest(RegistryFixture.Orders, "JSON", CompatibilityMode.Backward, "{}"), None));

        Assert.Equal(SchemaRegistryErrorCode.AlreadyExists, registry.Code);
        Assert.Equal(409, schema.HttpStatus);
    }

    [Fact]
    public async Task RegisterSchemaVersion_avro_field_without_default_under_backward_is_failure()
    {
        await Registry.CreateRegistryAsync("sales", null, None);
        var id = new SchemaId("sales", "avro-orders");
        await Registry.CreateSchemaAsync(new CreateSchemaRequest(id, "AVRO", CompatibilityMode.Backward,
            """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}"""), None);

        var failed = await Registry.RegisterSchemaVersionAsync(id,
            """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""", None);
        var ok = await Registry.RegisterSchemaVersionAsync(id,
            """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int","default":0}]}""", None);

        Assert.Equal(SchemaVersionStatus.Failure, failed.Status);
        Assert.Equal(1, Assert.Single(failed.Issues).Version);
        Assert.Equal((SchemaVersionStatus.Available, 3L), (ok.Status, ok.VersionNumber));
    }

    [Fact]
    public async Task RegisterSchemaVersion_failed_definition_is_checked_again_after_mode_change()
    {
        await CreateOrdersAsync(CompatibilityMode.Backward, "{\"type\":\"number\"}");
        var failed = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":\"integer\"}", None);
        await Registry.UpdateSchemaAsync(new UpdateSchemaRequest(RegistryFixture.Orders, CompatibilityMode.None, 1), None);

        var retried = await Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, "{\"type\":\"integer\"}", None);
        var byDefinition = await Registry.GetSchemaByDefinitionAsync(RegistryFixture.Orders, "{\"type\":\"integer\"}", None);

        Assert.Equal(SchemaVersionStatus.Failure, failed.Status);
        Assert.Equal((SchemaVersionStatus.Available, 3L), (retried.Status, retried.VersionNumber));
        Assert.Equal(retried.SchemaVersionId, byDefinition.SchemaVersionId);
    }

    [Fact]
    public async Task UpdateSchema_description_only_keeps_mode_and_checkpoint()
    {
        await CreateOrdersAsync(CompatibilityMode.FullAll);

        var updated = await Registry.UpdateSchemaAsync(new UpdateSchemaRequest(RegistryFixture.Orders, Description: "orders v2"), None);

        Assert.Equal((CompatibilityMode.FullAll, 1L, "orders v2"), (updated.Compatibility, updated.SchemaCheckpoint, updated.Description));
        Assert.Equal("orders v2", (await Registry.GetSchemaAsync(RegistryFixture.Orders, None)).Description);
    }
}

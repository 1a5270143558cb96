using Etl.Aws;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;
using Etl.SchemaGovernance.Registry.Glue;

namespace Etl.SchemaGovernance.Tests.Registry.Glue;

/// <summary>What is particular to the Glue backend: error mapping, paging, PENDING polling, FAILURE explanations, the id cache.</summary>
public sealed class GlueSchemaRegistryTests(GlueRegistryServer server) : IClassFixture<GlueRegistryServer>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly SchemaId Orders = RegistryFixture.Orders;

    private const string AvroV1 = """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}""";
    private const string AvroWithoutDefault = """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""";
    private const string AvroWithDefault = """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int","default":0}]}""";

    private readonly CallCounter _calls = new();

    public Task InitializeAsync() => server.ResetAsync();

    public Task DisposeAsync() => server.AssertNoViolationsAsync();

    [Theory]
    [InlineData("EntityNotFoundException", SchemaRegistryErrorCode.EntityNotFound, 404)]
    [InlineData("AlreadyExistsException", SchemaRegistryErrorCode.AlreadyExists, 409)]
    [InlineData("InvalidInputException", SchemaRegistryErrorCode.InvalidInput, 400)]
    [InlineData("ResourceNumberLimitExceededException", SchemaRegistryErrorCode.ResourceNumberLimitExceeded, 429)]
    [InlineData("ConcurrentModificationException", SchemaRegistryErrorCode.ConcurrentModification, 409)]
    [InlineData("AccessDeniedException", SchemaRegistryErrorCode.AccessDenied, 403)]
    public async Task Errors_glue_exception_maps_to_registry_code(string glueError, SchemaRegistryErrorCode expected, int status)
    {
        var registry = server.Registry(_calls);
        await registry.CreateRegistryAsync("sales", null, None);
        await server.InjectFaultAsync("GetSchema", glueError);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.GetSchemaAsync(Orders, None));

        Assert.Equal((expected, status, glueError), (error.Code, error.HttpStatus, error.ErrorCode));
        Assert.IsType<AwsServiceException>(error.InnerException);
    }

    [Fact]
    public async Task Errors_unmapped_glue_exception_stays_an_aws_service_exception()
    {
        var registry = server.Registry(_calls);
        await server.InjectFaultAsync("GetSchema", "OperationTimeoutException");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => registry.GetSchemaAsync(Orders, None));

        Assert.Equal("OperationTimeoutException", error.ErrorCode);
    }

    [Fact]
    public async Task Validation_bad_name_is_refused_before_any_request()
    {
        var registry = server.Registry(_calls);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.GetSchemaAsync(new SchemaId("sales", "no spaces"), None));

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
        Assert.Equal(0, _calls.Total);
    }

    [Fact]
    public async Task ListSchemaVersions_follows_next_token_across_pages()
    {
        var registry = server.Registry(_calls, new GlueSchemaRegistryOptions { PageSize = 2 });
        await CreateJsonOrdersAsync(registry, CompatibilityMode.None);
        for (var i = 0; i < 4; i++)
        {
            await registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object("f" + i), None);
        }

        var listed = await registry.ListSchemaVersionsAsync(Orders, None);

        Assert.Equal([5L, 4L, 3L, 2L, 1L], listed.Select(v => v.VersionNumber));
        Assert.Equal(3, _calls["ListSchemaVersions"]);
        Assert.Contains("f3", listed[0].Definition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSchemas_follows_next_token_and_reads_each_schema()
    {
        var registry = server.Registry(_calls, new GlueSchemaRegistryOptions { PageSize = 2 });
        await registry.CreateRegistryAsync("sales", null, None);
        foreach (var name in new[] { "c", "a", "b" })
        {
            await registry.CreateSchemaAsync(new CreateSchemaRequest(new SchemaId("sales", name), "AVRO", CompatibilityMode.FullAll, AvroV1), None);
        }

        var schemas = await registry.ListSchemasAsync("sales", None);

        Assert.Equal(["a", "b", "c"], schemas.Select(s => s.SchemaName));
        Assert.All(schemas, s => Assert.Equal((CompatibilityMode.FullAll, "AVRO"), (s.Compatibility, s.DataFormat)));
        Assert.Equal(2, _calls["ListSchemas"]);
    }

    [Fact]
    public async Task QuerySchemaVersionMetadata_follows_next_token_across_pages()
    {
        var registry = server.Registry(_calls, new GlueSchemaRegistryOptions { PageSize = 2 });
        await CreateJsonOrdersAsync(registry, CompatibilityMode.Backward);
        var v1 = SchemaVersionReference.ByNumber(Orders, 1);
        foreach (var key in new[] { "a", "b", "c", "d", "e" })
        {
            await registry.PutSchemaVersionMetadataAsync(v1, key, "v-" + key, None);
        }

        await registry.PutSchemaVersionMetadataAsync(v1, "a", "newer", None);
        var metadata = await registry.QuerySchemaVersionMetadataAsync(v1, null, None);

        Assert.Equal(["a", "b", "c", "d", "e"], metadata.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("newer", metadata["a"].Value);
        Assert.Equal("v-a", Assert.Single(metadata["a"].OtherValues).Value);
        Assert.Equal(3, _calls["QuerySchemaVersionMetadata"]);
    }

    [Fact]
    public async Task RegisterSchemaVersion_pending_is_polled_until_available()
    {
        var registry = server.Registry(_calls);
        await CreateJsonOrdersAsync(registry, CompatibilityMode.Backward);

        var registered = await registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object(), None);

        Assert.Equal((SchemaVersionStatus.Available, 2L), (registered.Status, registered.VersionNumber));
        Assert.Empty(registered.Issues);
        // The contract server answers the first read of a checked version with PENDING.
        Assert.Equal(2, _calls["GetSchemaVersion"]);
    }

    [Fact]
    public async Task RegisterSchemaVersion_still_pending_at_timeout_is_returned_as_pending()
    {
        var log = new RecordingLogger<GlueSchemaRegistry>();
        var registry = server.Registry(_calls, new GlueSchemaRegistryOptions
        {
            PollInitialDelay = TimeSpan.FromMilliseconds(1),
            PollMaxDelay = TimeSpan.FromMilliseconds(1),
            PollTimeout = TimeSpan.FromMilliseconds(1),
        }, logger: log);
        await CreateJsonOrdersAsync(registry, CompatibilityMode.Backward);

        var registered = await registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object(), None);
        var later = await registry.GetSchemaVersionAsync(SchemaVersionReference.ById(registered.SchemaVersionId), None);

        Assert.Equal(SchemaVersionStatus.Pending, registered.Status);
        Assert.Equal(SchemaVersionStatus.Available, later.Status);
        Assert.Contains(log.Events, e => e.EventId == 5102 && e.Message.Contains(registered.SchemaVersionId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisterSchemaVersion_avro_failure_is_explained_by_the_local_checker()
    {
        var log = new RecordingLogger<GlueSchemaRegistry>();
        var registry = server.Registry(_calls, logger: log);
        await registry.CreateRegistryAsync("sales", null, None);
        await registry.CreateSchemaAsync(new CreateSchemaRequest(Orders, "AVRO", CompatibilityMode.Backward, AvroV1), None);

        var failed = await registry.RegisterSchemaVersionAsync(Orders, AvroWithoutDefault, None);
        var ok = await registry.RegisterSchemaVersionAsync(Orders, AvroWithDefault, None);

        Assert.Equal(SchemaVersionStatus.Failure, failed.Status);
        var issue = Assert.Single(failed.Issues);
        Assert.Equal((1L, "READER_FIELD_MISSING_DEFAULT_VALUE", CompatibilityDirection.Backward), (issue.Version, issue.Kind, issue.Direction));
        Assert.Equal((SchemaVersionStatus.Available, 3L), (ok.Status, ok.VersionNumber));
        Assert.Equal([5103], log.Events.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information).Select(e => e.EventId));
    }

    [Fact]
    public async Task RegisterSchemaVersion_failure_the_local_checker_accepts_is_reported_as_unexplained()
    {
        var log = new RecordingLogger<GlueSchemaRegistry>();
        var registry = server.Registry(_calls, checkerFor: _ => new AcceptEverything(), logger: log);
        await registry.CreateRegistryAsync("sales", null, None);
        await registry.CreateSchemaAsync(new CreateSchemaRequest(Orders, "AVRO", CompatibilityMode.Backward, AvroV1), None);

        var failed = await registry.RegisterSchemaVersionAsync(Orders, AvroWithoutDefault, None);

        Assert.Equal(SchemaVersionStatus.Failure, failed.Status);
        var issue = Assert.Single(failed.Issues);
        Assert.Equal((GlueSchemaRegistry.UnexplainedFailureKind, 1L), (issue.Kind, issue.Version));
        Assert.Contains("BACKWARD", issue.Message, StringComparison.Ordinal);
        Assert.Contains(log.Events, e => e.EventId == 5104 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task GetSchemaVersion_by_id_is_served_from_cache_after_the_first_read()
    {
        var registry = server.Registry(_calls);
        var created = await CreateJsonOrdersAsync(registry, CompatibilityMode.Backward);
        var byId = SchemaVersionReference.ById(created.SchemaVersionId);

        var first = await registry.GetSchemaVersionAsync(byId, None);
        var reads = _calls["GetSchemaVersion"];
        var second = await registry.GetSchemaVersionAsync(byId, None);

        Assert.Equal(1, reads);
        Assert.Equal(1, _calls["GetSchemaVersion"]);
        Assert.Equal(first, second);
        Assert.Equal(("sales", "orders", 1L), (second.RegistryName, second.SchemaName, second.VersionNumber));
    }

    [Fact]
    public async Task GetSchemaVersion_by_number_and_latest_always_ask_glue()
    {
        var registry = server.Registry(_calls);
        await CreateJsonOrdersAsync(registry, CompatibilityMode.None);
        await registry.GetSchemaVersionAsync(SchemaVersionReference.Latest(Orders), None);
        await registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object("x"), None);

        var latest = await registry.GetSchemaVersionAsync(SchemaVersionReference.Latest(Orders), None);
        var first = await registry.GetSchemaVersionAsync(SchemaVersionReference.ByNumber(Orders, 1), None);

        Assert.Equal((2L, 1L), (latest.VersionNumber, first.VersionNumber));
    }

    [Fact]
    public async Task DeleteSchemaVersions_evicts_the_cached_version()
    {
        var registry = server.Registry(_calls);
        await CreateJsonOrdersAsync(registry, CompatibilityMode.None);
        var v2 = await registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object("x"), None);
        await registry.GetSchemaVersionAsync(SchemaVersionReference.ById(v2.SchemaVersionId), None);

        var errors = await registry.DeleteSchemaVersionsAsync(Orders, "2", None);
        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            registry.GetSchemaVersionAsync(SchemaVersionReference.ById(v2.SchemaVersionId), None));

        Assert.Empty(errors);
        Assert.Equal(SchemaRegistryErrorCode.EntityNotFound, error.Code);
    }

    [Fact]
    public async Task DeleteSchemaVersions_reports_glue_error_codes_per_version()
    {
        var registry = server.Registry(_calls);
        await CreateJsonOrdersAsync(registry, CompatibilityMode.None);
        await registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object("x"), None);
        await registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object("y"), None);
        await registry.UpdateSchemaAsync(new UpdateSchemaRequest(Orders, CheckpointVersion: 2), None);

        var errors = await registry.DeleteSchemaVersionsAsync(Orders, "1-4", None);

        Assert.Equal([(1L, "InvalidInputException"), (2L, "ConflictException"), (4L, "EntityNotFoundException")],
            errors.Select(e => (e.VersionNumber, e.ErrorCode)));
        Assert.Equal([2L, 1L], (await registry.ListSchemaVersionsAsync(Orders, None)).Select(v => v.VersionNumber));
    }

    [Fact]
    public async Task RegisterSchemaVersion_disabled_carries_glue_message()
    {
        var registry = server.Registry(_calls);
        await CreateJsonOrdersAsync(registry, CompatibilityMode.Disabled);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterSchemaVersionAsync(Orders, RegistryFixture.Object("x"), None));

        Assert.StartsWith("Compatibility DISABLED does not allow versioning.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3-2")]
    [InlineData("a")]
    [InlineData("1-2-3")]
    public async Task DeleteSchemaVersions_malformed_range_is_invalid_without_a_request(string versions)
    {
        var registry = server.Registry(_calls);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.DeleteSchemaVersionsAsync(Orders, versions, None));

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
        Assert.Equal(0, _calls.Total);
    }

    [Fact]
    public async Task ContractServer_json_keyword_it_cannot_judge_is_refused_under_a_checked_mode()
    {
        var registry = server.Registry(_calls);
        await registry.CreateRegistryAsync("sales", null, None);
        const string definition = """{"type":"string","minLength":3}""";

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            registry.CreateSchemaAsync(new CreateSchemaRequest(Orders, "JSON", CompatibilityMode.Backward, definition), None));
        var notChecked = await registry.CreateSchemaAsync(new CreateSchemaRequest(Orders, "JSON", CompatibilityMode.None, definition), None);

        Assert.Equal(SchemaRegistryErrorCode.InvalidInput, error.Code);
        Assert.Contains("minLength", error.Message, StringComparison.Ordinal);
        Assert.Equal(SchemaVersionStatus.Available, notChecked.SchemaVersionStatus);
    }

    [Fact]
    public async Task CreateRegistry_returns_description_and_created_time()
    {
        var registry = server.Registry(_calls);

        var created = await registry.CreateRegistryAsync("sales", "the sales streams", None);

        Assert.Equal(("sales", "the sales streams"), (created.RegistryName, created.Description));
        Assert.NotEqual(default, created.CreatedTime);
    }

    [Fact]
    public void Options_out_of_range_fail_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GlueSchemaRegistryOptions { PageSize = 101 }.Validate());

        Assert.Contains("PageSize", error.Message, StringComparison.Ordinal);
    }

    private static async Task<CreateSchemaResult> CreateJsonOrdersAsync(GlueSchemaRegistry registry, CompatibilityMode mode)
    {
        await registry.CreateRegistryAsync("sales", null, None);
        return await registry.CreateSchemaAsync(new CreateSchemaRequest(Orders, "JSON", mode, RegistryFixture.Object("id")), None);
    }

    /// <summary>A checker that finds every pair compatible, to stand in for a checker that disagrees with Glue.</summary>
    private sealed class AcceptEverything : IPairwiseChecker
    {
        public string DataFormat => "AVRO";

        public void Validate(string definition)
        {
        }

        public IReadOnlyList<PairIssue> CheckCanRead(string readerDefinition, string writerDefinition) => [];
    }
}

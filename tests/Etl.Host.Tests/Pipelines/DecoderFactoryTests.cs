using System.Text;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Framing;
using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Tests.Pipelines;

/// <summary>Decoders built from a folder registry: type overrides checked at start-up and per version, JSON and Avro.</summary>
public sealed class DecoderFactoryTests : IDisposable
{
    private const string OrdersV1 = """
        {"type":"object","properties":{"id":{"type":"integer"},"ts":{"type":"string"},"flag":{"type":"boolean"}},"required":["id"]}
        """;

    /// <summary>v2 makes <c>ts</c> a boolean, which no override turns into a timestamp.</summary>
    private const string OrdersV2 = """
        {"type":"object","properties":{"id":{"type":"integer"},"ts":{"type":"boolean"},"flag":{"type":"boolean"}},"required":["id"]}
        """;

    private const string ReadingAvro = """
        {"type":"record","name":"Reading","fields":[{"name":"id","type":"long"},{"name":"ts","type":"string"}]}
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("etl-decoders-").FullName;
    private readonly FolderSchemaRegistry _registry;
    private readonly RegistryPipelineSchemas _schemas;

    public DecoderFactoryTests()
    {
        _registry = new FolderSchemaRegistry(Path.Combine(_root, "registry"), TimeProvider.System, f => PairwiseCheckerFactory.Create(f));
        _schemas = new RegistryPipelineSchemas(_registry, "default");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static PipelineOptions Pipeline(string name, bool framed = false, params (string Column, string Type)[] overrides) => new()
    {
        Name = name,
        Schema = new SchemaOptions { GsrFramed = framed },
        Mapping = new MappingOptions { Overrides = overrides.ToDictionary(o => o.Column, o => o.Type) },
    };

    private static SourceRecord Record(byte[] data) => new(data, "pk", new StreamPosition("shard-0", "1"), DateTimeOffset.UnixEpoch);

    private static SourceRecord Json(string json) => Record(Encoding.UTF8.GetBytes(json));

    private async Task<Guid> CreateAsync(string name, string format, string definition)
    {
        await _registry.CreateRegistryAsync("default", null, CancellationToken.None);
        var created = await _registry.CreateSchemaAsync(new CreateSchemaRequest(new SchemaId("default", name), format, CompatibilityMode.None, definition), CancellationToken.None);
        return created.SchemaVersionId;
    }

    [Fact]
    public async Task CreateAsync_overrides_that_do_not_fit_the_schema_fail_naming_setting_column_and_types()
    {
        await CreateAsync("orders", "JSON", OrdersV1);
        var factory = new DecoderFactory(_schemas);

        var error = await Assert.ThrowsAsync<ServiceHost.ConfigurationException>(() =>
            factory.CreateAsync(Pipeline("orders", false, ("flag", "timestamp"), ("gone", "date"), ("ts", "timestamp")), "Etl:Pipelines:3", CancellationToken.None));

        Assert.Equal(
            [
                "Etl:Pipelines:3:Mapping:Overrides:flag: column 'flag' is boolean; converting boolean to timestamp is not supported (schema orders@v1)",
                "Etl:Pipelines:3:Mapping:Overrides:gone: the schema has no top-level column 'gone' (schema orders@v1)",
            ],
            error.Problems);
    }

    [Fact]
    public async Task CreateAsync_plain_json_pipeline_converts_the_overridden_columns()
    {
        await CreateAsync("orders", "JSON", OrdersV1);
        var decoder = await new DecoderFactory(_schemas).CreateAsync(Pipeline("orders", false, ("ts", "timestamp"), ("id", "int")), "Etl:Pipelines:0", CancellationToken.None);

        var result = decoder.Decode(Json("""{"id":5,"ts":"2026-11-21T09:15:00+01:00"}"""));

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(["id:int", "ts:timestamp", "flag:boolean"], result.Record!.Schema.Columns.Select(c => c.Name + ":" + c.Type.ToHiveType()));
        Assert.Equal(new object?[] { 5, new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.Zero), null }, result.Record.Values);
    }

    [Fact]
    public async Task CreateAsync_avro_pipeline_decodes_plain_datums_with_overrides()
    {
        await CreateAsync("readings", "AVRO", ReadingAvro);
        var decoder = await new DecoderFactory(_schemas).CreateAsync(Pipeline("readings", false, ("ts", "timestamp")), "Etl:Pipelines:0", CancellationToken.None);
        // long 21 (zig-zag 42 = 0x2a), then the string: length 20 (zig-zag 40 = 0x28) and its UTF-8 bytes.
        byte[] datum = [0x2a, 0x28, .. Encoding.UTF8.GetBytes("2026-11-21T08:15:00Z")];

        var good = decoder.Decode(Record(datum));
        var truncated = decoder.Decode(Record(datum[..5]));

        Assert.True(good.IsSuccess, good.Reason?.ToString());
        Assert.Equal(new object?[] { 21L, new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.Zero) }, good.Record!.Values);
        Assert.Equal(ColumnType.Timestamp, good.Record.Schema.Columns[1].Type);
        Assert.Equal(DeadLetterKind.MalformedAvro, truncated.Reason!.Kind);
    }

    [Fact]
    public async Task CreateAsync_framed_version_registered_later_that_an_override_does_not_fit_dead_letters_its_records()
    {
        var v1 = await CreateAsync("orders", "JSON", OrdersV1);
        var decoder = await new DecoderFactory(_schemas).CreateAsync(Pipeline("orders", true, ("ts", "timestamp")), "Etl:Pipelines:0", CancellationToken.None);
        var v2 = (await _registry.RegisterSchemaVersionAsync(new SchemaId("default", "orders"), OrdersV2, CancellationToken.None)).SchemaVersionId;
        SourceRecord[] records =
        [
            Record(GsrFrameEncoder.Encode(v1, Encoding.UTF8.GetBytes("""{"id":1,"ts":"2026-11-21T08:00:00Z"}"""))),
            Record(GsrFrameEncoder.Encode(v2, Encoding.UTF8.GetBytes("""{"id":2,"ts":true}"""))),
            Json("""{"id":3,"ts":"2026-11-21T08:30:00Z"}"""),
            Record(GsrFrameEncoder.Encode(Guid.NewGuid(), Encoding.UTF8.GetBytes("""{"id":4}"""))),
        ];

        await ((IBatchPreparingDecoder)decoder).PrepareAsync(records, CancellationToken.None);
        var results = records.Select(decoder.Decode).ToList();

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), results[0].Record!.Values[1]);
        Assert.Equal(DeadLetterKind.IncompatibleWithTable, results[1].Reason!.Kind);
        Assert.Equal(
            "schema version orders@v2 does not fit the pipeline's Mapping:Overrides: column 'ts' is boolean; converting boolean to timestamp is not supported",
            results[1].Reason!.Message);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero), results[2].Record!.Values[1]);
        Assert.Equal(DeadLetterKind.UnknownSchemaVersion, results[3].Reason!.Kind);
    }

    [Fact]
    public async Task CreateAsync_without_overrides_returns_the_plain_decoder()
    {
        await CreateAsync("orders", "JSON", OrdersV1);

        var decoder = await new DecoderFactory(_schemas).CreateAsync(Pipeline("orders"), "Etl:Pipelines:0", CancellationToken.None);

        Assert.IsType<Etl.SchemaGovernance.JsonSchema.JsonRecordConverter>(decoder);
    }
}

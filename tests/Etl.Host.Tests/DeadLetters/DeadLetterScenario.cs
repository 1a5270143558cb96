using System.Text;
using Etl.Batching.Commit;
using Etl.Batching.Formats;
using Etl.Batching.Storage.Folder;
using Etl.Catalog.Folder;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Etl.Ingest.Local;
using Etl.Parquet;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Tests.DeadLetters;

/// <summary>
/// A temp data root with one configured pipeline (table shop.orders, partitioned by <c>ts</c>) whose schema's first
/// version accepts levels "low" and "high" only; <see cref="IngestAsync"/> runs lines through the real pipeline, so
/// rejected records land as dead letters exactly as the service writes them.
/// </summary>
internal sealed class DeadLetterScenario : IDisposable
{
    public const string SchemaV1 = """
        {"type":"object","properties":{"id":{"type":"integer"},"ts":{"type":"string","format":"date-time"},"level":{"type":"string","enum":["low","high"]}},"required":["id","ts","level"]}
        """;

    public const string SchemaV2 = """
        {"type":"object","properties":{"id":{"type":"integer"},"ts":{"type":"string","format":"date-time"},"level":{"type":"string","enum":["low","high","medium"]}},"required":["id","ts","level"]}
        """;

    public DeadLetterScenario()
    {
        Root = Path.Combine(Path.GetTempPath(), "etl-dlq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Paths = new LocalPaths(Root);
        Options = new EtlOptions
        {
            DataRoot = Root,
            Demo = new DemoOptions { Enabled = false },
            Pipelines =
            [
                new PipelineOptions
                {
                    Name = "orders",
                    Source = new SourceOptions { Type = "Demo", Feed = "ticker" },
                    Schema = new SchemaOptions { Name = "orders" },
                    Partitioning = new PartitioningOptions { EventTimeField = "ts" },
                    Catalog = new CatalogOptions { Database = "shop", Table = "orders" },
                },
            ],
        };
        Registry = new FolderSchemaRegistry(Paths.Registry, TimeProvider.System, f => PairwiseCheckerFactory.Create(f));
        Schemas = new RegistryPipelineSchemas(Registry, Options.Registry.Name);
    }

    public string Root { get; }

    public LocalPaths Paths { get; }

    public EtlOptions Options { get; }

    public FolderSchemaRegistry Registry { get; }

    public RegistryPipelineSchemas Schemas { get; }

    public FolderObjectStore Store => new(Paths.Objects);

    public Task RegisterV1Async() => Schemas.EnsureRegisteredAsync("orders", "JSON", SchemaV1, CancellationToken.None);

    public async Task RegisterV2Async()
    {
        var result = await Registry.RegisterSchemaVersionAsync(new SchemaId(Options.Registry.Name, "orders"), SchemaV2, CancellationToken.None);
        Assert.Equal(SchemaVersionStatus.Available, result.Status);
    }

    /// <summary>Runs the lines through the orders pipeline as one stream (named after <paramref name="name"/>) arriving at <paramref name="arrival"/>.</summary>
    public async Task IngestAsync(string name, IEnumerable<string> lines, DateTimeOffset arrival)
    {
        var file = Path.Combine(Root, name + ".ndjson");
        await File.WriteAllTextAsync(file, string.Join('\n', lines) + "\n", Encoding.UTF8);
        var pipeline = Options.Pipelines[0];
        var decoder = await new DecoderFactory(Schemas).CreateAsync(pipeline, PipelineFactory.SettingPath(Options, pipeline), CancellationToken.None);
        var engine = new PipelineEngine(
            PipelineFactory.Define(Options, pipeline),
            new LinesSource(file, arrival),
            decoder,
            Store,
            new FolderCatalog(Paths.Catalog),
            new FileShardStateStore(Paths.State),
            new ParquetDataFileWriter(ParquetCompression.Snappy),
            TimeProvider.System,
            null,
            NullLogger.Instance);
        await engine.RunAsync(CancellationToken.None);
        Assert.True(engine.Completed);
    }

    public static string Order(int id, string level, string ts = "2026-11-21T08:15:00Z") =>
        $$"""{"id":{{id}},"ts":"{{ts}}","level":"{{level}}"}""";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finished test's reader; the temp folder is cleaned by the system.
        }
    }
}

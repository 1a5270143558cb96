using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Batching.Formats;
using Etl.Batching.Partitioning;
using Etl.Batching.Storage.Folder;
using Etl.Catalog.Folder;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Ingest.Local;
using Etl.Parquet;
using Etl.SchemaGovernance.JsonSchema;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Cli;

/// <summary>
/// `etl convert --schema FILE --format json --input FILE|- --output DIR [--partition-by FIELD] [--compression ...]`:
/// offline NDJSON → validated, hour-partitioned Parquet, through the same pipeline as the service. Invalid records go
/// to <c>DIR/_deadletter/</c> (a name Athena and DuckDB skip), the table document to <c>DIR/_catalog/</c>.
/// Prints one JSON object: rows written, dead-lettered, files, bytes, seconds.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var schema = new Option<string>("--schema") { Description = "The schema file (JSON Schema for --format json)", Required = true };
        var format = new Option<string>("--format") { Description = "json (NDJSON input)", Required = true };
        format.AcceptOnlyFromAmong("json");
        var input = new Option<string>("--input") { Description = "The NDJSON file, or - for standard input", Required = true };
        var output = new Option<string>("--output") { Description = "The output folder", Required = true };
        var partitionBy = new Option<string?>("--partition-by") { Description = "Timestamp field to partition by (default: the time of conversion)" };
        var compression = new Option<string>("--compression") { Description = "snappy (default), gzip or none", DefaultValueFactory = _ => "snappy" };
        compression.AcceptOnlyFromAmong("snappy", "gzip", "none");
        var command = new Command("convert", "Convert an NDJSON file into validated, hour-partitioned Parquet")
        {
            schema, format, input, output, partitionBy, compression,
        };
        command.SetAction((parse, token) => RunAsync(
            parse.GetValue(schema)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(partitionBy), parse.GetValue(compression)!, token));
        return command;
    }

    private static async Task<int> RunAsync(string schemaFile, string input, string output, string? partitionBy, string compression, CancellationToken token)
    {
        JsonRecordConverter converter;
        LinesSource source;
        try
        {
            var text = await File.ReadAllTextAsync(schemaFile, token);
            var name = Path.GetFileNameWithoutExtension(schemaFile).ToLowerInvariant();
            converter = JsonRecordConverter.Compile(text, new SchemaVersionRef(name, 1, Guid.Empty));
            source = new LinesSource(input, TimeProvider.System.GetUtcNow());
            if (partitionBy is not null && converter.Schema.IndexOf(partitionBy) < 0)
            {
                throw new ArgumentException($"--partition-by: the schema has no column '{partitionBy}'");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or JsonSchemaException or JsonException)
        {
            await Console.Error.WriteLineAsync("etl convert: " + e.Message);
            return 2;
        }

        var observer = new CountingObserver();
        var definition = new PipelineDefinition
        {
            Name = "convert",
            Database = "convert",
            Table = converter.Version.SchemaName.Replace('-', '_'),
            Partitioner = new HourPartitioner(partitionBy),
            Buffering = new BufferingOptions
            {
                // Files of up to 500,000 rows: larger buffers only make the garbage collector work harder.
                MaxRows = 500_000,
                MaxBytes = 1L << 30,
                MaxAge = TimeSpan.FromDays(1),
                MaxOpenBuffers = 256,
                MemoryBudgetBytes = 1L << 30,
            },
            TablePrefixOverride = string.Empty,
            DeadLetterPrefixOverride = "_deadletter/",
        };
        var codec = compression switch
        {
            "gzip" => ParquetCompression.Gzip,
            "none" => ParquetCompression.Uncompressed,
            _ => ParquetCompression.Snappy,
        };
        var engine = new PipelineEngine(
            definition,
            source,
            converter,
            new FolderObjectStore(output),
            new FolderCatalog(Path.Combine(output, "_catalog")),
            new InMemoryShardStateStore(),
            new ParquetDataFileWriter(codec),
            TimeProvider.System,
            observer,
            NullLogger.Instance);
        var watch = Stopwatch.StartNew();
        await engine.RunAsync(CancellationToken.None, token);
        watch.Stop();
        var summary = new Dictionary<string, object>
        {
            ["rowsWritten"] = observer.RowsWritten,
            ["deadLettered"] = observer.DeadLetteredRows,
            ["files"] = observer.Files,
            ["bytes"] = observer.Bytes,
            ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 3),
            ["deadLetterReasons"] = observer.ByReason.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
        };
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(summary));
        return 0;
    }
}

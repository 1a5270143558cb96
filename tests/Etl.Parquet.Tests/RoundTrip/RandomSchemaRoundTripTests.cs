using Etl.Parquet.Reading;
using Etl.Parquet.Schema;
using Etl.Parquet.Tests.Support;
using Etl.Parquet.Writing;

namespace Etl.Parquet.Tests.RoundTrip;

/// <summary>
/// Property test: seeded random schemas (nested, nullable, every type) and rows with edge values, written with
/// varying codecs, dictionary settings, page and row-group sizes; read back by our reader, DuckDB, hyparquet and
/// parquet-wasm; statistics recomputed from the data.
/// </summary>
public sealed class RandomSchemaRoundTripTests
{
    private const int Schemas = 32;

    [Fact]
    public async Task RandomSchemas_written_files_every_reader_reads_the_written_values()
    {
        using var dir = new TempDirectory();
        var independent = new IndependentReaders(dir.Path);
        for (var seed = 1; seed <= Schemas; seed++)
        {
            var generator = new RandomSchemas(seed);
            var schema = generator.Schema(maxDepth: seed % 4);
            var rows = Enumerable.Range(0, seed % 8 == 0 ? 0 : 1 + (seed * 37 % 300)).Select(_ => generator.Row(schema)).ToList();
            var path = dir.File($"random-{seed}.parquet");
            await using (var stream = File.Create(path))
            using (var writer = new ParquetWriter(stream, schema, Options(seed)))
            {
                foreach (var row in rows)
                {
                    writer.AppendRow(row);
                }

                writer.Complete();
            }

            using (var reader = ParquetReader.Open(path))
            {
                var context = $"seed {seed} ({schema})";
                Assert.Equal(rows.Count, reader.RowCount);
                var expected = Canonical.Rows(schema, rows).ToJsonString();
                var actual = Canonical.Rows(schema, reader.ReadAllRows()).ToJsonString();
                Assert.True(expected == actual, $"{context}: our reader differs.\nexpected {expected}\nactual   {actual}");
                StatisticsOracle.Check(reader, context);
            }

            independent.Add(path, schema, rows);
        }

        var results = await independent.RunAsync();
        Assert.Equal(Schemas * 3, results.Count);
        var failures = results.Where(r => !r.Ok).Select(r => $"{Path.GetFileName(r.Path)} [{r.Reader}]: {r.Mismatch}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static ParquetWriterOptions Options(int seed) => new()
    {
        Compression = (ParquetCompression)(seed % 3),
        EnableDictionary = seed % 5 != 0,
        PageSizeBytes = seed % 2 == 0 ? 1024 : 1 << 20,
        RowGroupMaxRows = seed % 3 == 1 ? 17 : 1 << 20,
        KeyValueMetadata = [new("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture))],
    };
}

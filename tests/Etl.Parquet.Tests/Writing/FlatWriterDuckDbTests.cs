using System.Globalization;
using System.Text.Json;
using Etl.Parquet.Columns;
using Etl.Parquet.Schema;
using Etl.Parquet.Tests.Support;
using Etl.Parquet.Writing;

namespace Etl.Parquet.Tests.Writing;

public sealed class FlatWriterDuckDbTests
{
    private const int Rows = 3000;

    private static ParquetSchema FlatSchema() => new(
        ParquetField.Int64("id", nullable: false),
        ParquetField.String("name"),
        ParquetField.Timestamp("ts"),
        ParquetField.Timestamp("ts_us", nullable: false, unit: TimestampUnit.Micros),
        ParquetField.Decimal("amount", 9, 2),
        ParquetField.Decimal("price", 18, 4, nullable: false),
        ParquetField.Decimal("big", 28, 6),
        ParquetField.Decimal("legacy", 10, 3, encoding: DecimalEncoding.FixedLenByteArray),
        ParquetField.Date("day"),
        ParquetField.Double("score"),
        ParquetField.Float("ratio"),
        ParquetField.Boolean("flag"),
        ParquetField.Binary("blob"),
        ParquetField.Int32("n", nullable: false));

    [Theory]
    [InlineData(ParquetCompression.Snappy, true)]
    [InlineData(ParquetCompression.Gzip, true)]
    [InlineData(ParquetCompression.Uncompressed, false)]
    public async Task ColumnBuffers_all_flat_types_duckdb_reads_identical_values(ParquetCompression codec, bool dictionary)
    {
        using var dir = new TempDirectory();
        var path = dir.File("flat.parquet");
        var options = new ParquetWriterOptions
        {
            Compression = codec,
            EnableDictionary = dictionary,
            PageSizeBytes = 4096,
            KeyValueMetadata = [new("etl.schema.version", "7"), new("etl.stream", "ventilators")],
        };
        var rows = FlatRows.Generate(Rows, seed: 11);
        await using (var stream = File.Create(path))
        using (var writer = new ParquetWriter(stream, FlatSchema(), options))
        {
            FlatRows.Fill(writer, rows);
            writer.AddKeyValueMetadata("etl.late", "yes");
            await writer.CompleteAsync();
        }

        var actual = await DuckDb.QueryAsync(
            "SELECT id AS k, id::VARCHAR AS id, name, epoch_ms(ts)::VARCHAR AS ts, epoch_us(ts_us)::VARCHAR AS ts_us, amount::VARCHAR AS amount, price::VARCHAR AS price, " +
            "big::VARCHAR AS big, legacy::VARCHAR AS legacy, (day - DATE '1970-01-01')::VARCHAR AS day, score::VARCHAR AS score, ratio::VARCHAR AS ratio, flag, hex(blob) AS blob, n " +
            $"FROM read_parquet({DuckDb.Quote(path)}) ORDER BY k");
        Assert.Equal(Rows, actual.GetArrayLength());
        for (var i = 0; i < Rows; i++)
        {
            FlatRows.AssertRow(rows[i], actual[i]);
        }

        var encodings = await DuckDb.QueryAsync($"SELECT encodings AS e, compression AS c FROM parquet_metadata({DuckDb.Quote(path)}) WHERE path_in_schema = 'n'");
        Assert.Equal(dictionary, encodings[0].GetProperty("e").GetString()!.Contains("RLE_DICTIONARY", StringComparison.Ordinal));
        Assert.Equal(codec.ToString().ToUpperInvariant(), encodings[0].GetProperty("c").GetString());

        var kv = await DuckDb.QueryAsync($"SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata({DuckDb.Quote(path)}) ORDER BY k");
        Assert.Equal(["etl.late=yes", "etl.schema.version=7", "etl.stream=ventilators"], kv.EnumerateArray().Select(e => $"{e.GetProperty("k").GetString()}={e.GetProperty("v").GetString()}"));
    }

    [Fact]
    public async Task Statistics_flat_columns_match_the_data()
    {
        using var dir = new TempDirectory();
        var path = dir.File("stats.parquet");
        var rows = FlatRows.Generate(Rows, seed: 5);
        await using (var stream = File.Create(path))
        using (var writer = new ParquetWriter(stream, FlatSchema()))
        {
            FlatRows.Fill(writer, rows);
            writer.Complete();
        }

        var file = DuckDb.Quote(path);
        var stats = await DuckDb.QueryAsync(
            $"SELECT path_in_schema AS p, stats_min_value AS mn, stats_max_value AS mx, stats_null_count::BIGINT AS nulls FROM parquet_metadata({file}) ORDER BY column_id");
        var expected = await DuckDb.QueryAsync(
            "SELECT min(id)::VARCHAR AS id_min, max(id)::VARCHAR AS id_max, min(name) AS name_min, max(name) AS name_max, count(*) - count(name) AS name_nulls, " +
            "min(n)::VARCHAR AS n_min, max(n)::VARCHAR AS n_max, min(amount)::VARCHAR AS amount_min, max(amount)::VARCHAR AS amount_max, " +
            "min(big)::VARCHAR AS big_min, max(big)::VARCHAR AS big_max, min(legacy)::VARCHAR AS legacy_min, max(legacy)::VARCHAR AS legacy_max " +
            $"FROM read_parquet({file})");
        var byPath = stats.EnumerateArray().ToDictionary(e => e.GetProperty("p").GetString()!);
        var e0 = expected[0];
        Assert.Equal(e0.GetProperty("id_min").GetString(), byPath["id"].GetProperty("mn").GetString());
        Assert.Equal(e0.GetProperty("id_max").GetString(), byPath["id"].GetProperty("mx").GetString());
        Assert.Equal(e0.GetProperty("name_min").GetString(), byPath["name"].GetProperty("mn").GetString());
        Assert.Equal(e0.GetProperty("name_max").GetString(), byPath["name"].GetProperty("mx").GetString());
        Assert.Equal(long.Parse(e0.GetProperty("name_nulls").GetString()!, CultureInfo.InvariantCulture), long.Parse(byPath["name"].GetProperty("nulls").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(e0.GetProperty("n_min").GetString(), byPath["n"].GetProperty("mn").GetString());
        Assert.Equal(e0.GetProperty("n_max").GetString(), byPath["n"].GetProperty("mx").GetString());
        Assert.Equal(e0.GetProperty("amount_min").GetString(), byPath["amount"].GetProperty("mn").GetString());
        Assert.Equal(e0.GetProperty("amount_max").GetString(), byPath["amount"].GetProperty("mx").GetString());
        Assert.Equal(e0.GetProperty("big_min").GetString(), byPath["big"].GetProperty("mn").GetString());
        Assert.Equal(e0.GetProperty("big_max").GetString(), byPath["big"].GetProperty("mx").GetString());
        Assert.Equal(e0.GetProperty("legacy_min").GetString(), byPath["legacy"].GetProperty("mn").GetString());
        Assert.Equal(e0.GetProperty("legacy_max").GetString(), byPath["legacy"].GetProperty("mx").GetString());
        Assert.Equal("0", byPath["id"].GetProperty("nulls").GetString());
    }
}

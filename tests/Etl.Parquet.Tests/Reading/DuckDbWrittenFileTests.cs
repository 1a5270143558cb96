using System.Text;
using System.Text.Json;
using Etl.Parquet.Reading;
using Etl.Parquet.Schema;
using Etl.Parquet.Tests.Support;

namespace Etl.Parquet.Tests.Reading;

/// <summary>Files written by DuckDB (COPY ... TO ... (FORMAT parquet)), flat and nested, read by our reader.</summary>
public sealed class DuckDbWrittenFileTests
{
    private const int Rows = 3000;

    private const string Select =
        "SELECT i::BIGINT AS id, (i % 100)::INTEGER AS small, (i % 7)::SMALLINT AS tiny, " +
        "CASE WHEN i % 5 = 0 THEN NULL ELSE 'name-' || (i % 13) END AS name, i::DOUBLE / 8 AS dbl, i::FLOAT / 4 AS flt, " +
        "i::DECIMAL(9,2) AS dec9, (i * 1000003)::DECIMAL(18,3) AS dec18, (-i)::DECIMAL(38,10) AS dec38, " +
        "DATE '2020-01-01' + (i % 1000)::INTEGER AS day, TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(i * 1001) AS ts, " +
        "TIMESTAMPTZ '1960-01-01 00:00:00+00' + to_microseconds(i * 1001) AS tstz, i % 3 = 0 AS flag, " +
        "CASE WHEN i % 4 = 0 THEN NULL ELSE encode('b' || i) END AS blob, " +
        "CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN [] ELSE [i, NULL, i + 1] END AS ints, " +
        "CASE WHEN i % 9 = 0 THEN NULL ELSE {'a': i % 10, 'b': 'x' || i} END AS st, " +
        "CASE WHEN i % 8 = 0 THEN NULL ELSE MAP(['k1', 'k2'], [i, NULL]) END AS m, " +
        "[{'x': i}, {'x': i * 2}] AS los " +
        "FROM range(3000) t(i)";

    private static object?[] ExpectedRow(long i)
    {
        var ts = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(i * 1001 * 10);
        var tstz = new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(i * 1001 * 10);
        return
        [
            i, (int)(i % 100), (int)(i % 7), i % 5 == 0 ? null : "name-" + (i % 13), i / 8.0, i / 4f,
            (decimal)i, (decimal)(i * 1000003), (decimal)(-i),
            new DateOnly(2020, 1, 1).AddDays((int)(i % 1000)), ts, tstz, i % 3 == 0,
            i % 4 == 0 ? null : Encoding.UTF8.GetBytes("b" + i),
            i % 6 == 0 ? null : i % 6 == 1 ? new List<object?>() : new List<object?> { i, null, i + 1 },
            i % 9 == 0 ? null : new object?[] { i % 10, "x" + i },
            i % 8 == 0 ? null : new List<KeyValuePair<object, object?>> { new("k1", i), new("k2", null) },
            new List<object?> { new object?[] { i }, new object?[] { i * 2 } },
        ];
    }

    [Theory]
    [InlineData("SNAPPY", "V1")]
    [InlineData("GZIP", "V1")]
    [InlineData("UNCOMPRESSED", "V1")]
    [InlineData("SNAPPY", "V2")]
    public async Task ReadAllRows_duckdb_file_values_match(string codec, string version)
    {
        using var dir = new TempDirectory();
        var path = dir.File($"duck-{codec}-{version}.parquet");
        await DuckDb.QueryAsync($"COPY ({Select}) TO {DuckDb.Quote(path)} (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 1024, PARQUET_VERSION {version})");

        using var reader = ParquetReader.Open(path);
        Assert.Equal(Rows, reader.RowCount);
        Assert.True(reader.RowGroupCount > 1);
        Assert.Equal(ParquetColumnType.Timestamp, reader.Schema.Column("tstz").Field.Type);
        Assert.Equal(TimestampUnit.Micros, reader.Schema.Column("tstz").Field.TimestampUnit);
        Assert.Equal((1, 3), (reader.Schema.Column("ints.list.element").MaxRepetitionLevel, reader.Schema.Column("ints.list.element").MaxDefinitionLevel));
        Assert.Equal((1, 2), (reader.Schema.Column("m.key_value.key").MaxRepetitionLevel, reader.Schema.Column("m.key_value.key").MaxDefinitionLevel));

        var expected = Canonical.Rows(reader.Schema, Enumerable.Range(0, Rows).Select(i => ExpectedRow(i))).ToJsonString();
        var actual = Canonical.Rows(reader.Schema, reader.ReadAllRows()).ToJsonString();
        Assert.Equal(expected, actual);

        using var json = JsonDocument.Parse(ParquetInspector.InspectJson(reader));
        var root = json.RootElement;
        Assert.Equal(Rows, root.GetProperty("num_rows").GetInt64());
        Assert.StartsWith("DuckDB", root.GetProperty("created_by").GetString(), StringComparison.Ordinal);
        var firstChunk = root.GetProperty("row_groups")[0].GetProperty("columns")[0];
        Assert.Equal(codec, firstChunk.GetProperty("codec").GetString());
        Assert.Equal("0", firstChunk.GetProperty("statistics").GetProperty("min").GetString());
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Etl.Parquet.Columns;
using Etl.Parquet.Writing;

namespace Etl.Parquet.Tests.Writing;

/// <summary>Seeded rows for the flat test schema, written through the column-buffer API.</summary>
internal static class FlatRows
{
    public sealed record Row(
        long Id, string? Name, DateTimeOffset? Ts, DateTimeOffset TsUs, decimal? Amount, decimal Price, decimal? Big, decimal? Legacy,
        DateOnly? Day, double? Score, float? Ratio, bool? Flag, byte[]? Blob, int N);

    private static readonly string[] Names = ["", "alpha", "Ärger", "zeta", "日本", "a\u0000b", "ventilator-0042", "é"];

    public static Row[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new Row[count];
        for (var i = 0; i < count; i++)
        {
            bool Null() => random.Next(7) == 0;
            var ms = random.NextInt64(-30_000_000_000_000L, 250_000_000_000_000L);
            rows[i] = new Row(
                i,
                Null() ? null : i % 3 == 0 ? Names[random.Next(Names.Length)] + random.Next(1000) : Names[random.Next(Names.Length)],
                Null() ? null : DateTimeOffset.UnixEpoch.AddMilliseconds(ms),
                DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(-600_000_000_000_000_000L, 600_000_000_000_000_000L) / 10 * 10),
                Null() ? null : new decimal(random.Next(-99_999_999, 99_999_999)) / 100m,
                i == 0 ? 99_999_999_999_999.9999m : i == 1 ? -99_999_999_999_999.9999m : new decimal(random.NextInt64(-1_000_000_000_000, 1_000_000_000_000)) / 10_000m,
                Null() ? null : decimal.Parse($"{random.NextInt64(-999_999_999_999_999, 999_999_999_999_999)}.{random.Next(0, 999_999):D6}", CultureInfo.InvariantCulture),
                Null() ? null : new decimal(random.Next(-999_999_999, 999_999_999)) / 1000m,
                Null() ? null : DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)),
                Null() ? null : (i % 50) switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => double.MinValue, 3 => -0.0, _ => random.NextDouble() * 1e6 },
                Null() ? null : (i % 40) switch { 0 => float.NegativeInfinity, 1 => float.Epsilon, _ => (float)(random.NextDouble() * 100) },
                Null() ? null : random.Next(2) == 0,
                Null() ? null : i % 9 == 0 ? [] : [.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (byte)random.Next(256))],
                i % 5 == 0 ? int.MinValue + i : random.Next(0, 20));
        }

        return rows;
    }

    public static void Fill(ParquetWriter writer, IReadOnlyList<Row> rows)
    {
        var id = writer.Column<Int64ColumnBuffer>("id");
        var name = writer.Column<ByteArrayColumnBuffer>("name");
        var ts = writer.Column<Int64ColumnBuffer>("ts");
        var tsUs = writer.Column<Int64ColumnBuffer>("ts_us");
        var amount = writer.Column<Int32ColumnBuffer>("amount");
        var price = writer.Column<Int64ColumnBuffer>("price");
        var big = writer.Column<ByteArrayColumnBuffer>("big");
        var legacy = writer.Column<ByteArrayColumnBuffer>("legacy");
        var day = writer.Column<Int32ColumnBuffer>("day");
        var score = writer.Column<DoubleColumnBuffer>("score");
        var ratio = writer.Column<FloatColumnBuffer>("ratio");
        var flag = writer.Column<BooleanColumnBuffer>("flag");
        var blob = writer.Column<ByteArrayColumnBuffer>("blob");
        var n = writer.Column<Int32ColumnBuffer>("n");
        foreach (var row in rows)
        {
            id.Append(row.Id);
            if (row.Name is null) { name.AppendNull(); } else { name.Append(row.Name); }
            if (row.Ts is null) { ts.AppendNull(); } else { ts.AppendTimestamp(row.Ts.Value); }
            tsUs.AppendTimestamp(row.TsUs);
            if (row.Amount is null) { amount.AppendNull(); } else { amount.AppendDecimal(row.Amount.Value); }
            price.AppendDecimal(row.Price);
            if (row.Big is null) { big.AppendNull(); } else { big.AppendDecimal(row.Big.Value); }
            if (row.Legacy is null) { legacy.AppendNull(); } else { legacy.AppendDecimal(row.Legacy.Value); }
            if (row.Day is null) { day.AppendNull(); } else { day.AppendDate(row.Day.Value); }
            if (row.Score is null) { score.AppendNull(); } else { score.Append(row.Score.Value); }
            if (row.Ratio is null) { ratio.AppendNull(); } else { ratio.Append(row.Ratio.Value); }
            if (row.Flag is null) { flag.AppendNull(); } else { flag.Append(row.Flag.Value); }
            if (row.Blob is null) { blob.AppendNull(); } else { blob.Append(row.Blob); }
            n.Append(row.N);
            writer.CompleteRows(1);
        }
    }

    public static void AssertRow(Row expected, JsonElement actual)
    {
        var context = $"row {expected.Id}";
        Assert.Equal(expected.Id.ToString(CultureInfo.InvariantCulture), actual.GetProperty("id").GetString());
        Assert.Equal(expected.Name, actual.GetProperty("name").GetString());
        Assert.Equal(expected.Ts?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), actual.GetProperty("ts").GetString());
        Assert.Equal(((expected.TsUs.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(CultureInfo.InvariantCulture), actual.GetProperty("ts_us").GetString());
        AssertDecimal(expected.Amount, actual.GetProperty("amount"), context);
        AssertDecimal(expected.Price, actual.GetProperty("price"), context);
        AssertDecimal(expected.Big, actual.GetProperty("big"), context);
        AssertDecimal(expected.Legacy, actual.GetProperty("legacy"), context);
        Assert.Equal(expected.Day is { } d ? (d.DayNumber - 719_162).ToString(CultureInfo.InvariantCulture) : null, actual.GetProperty("day").GetString());
        AssertDouble(expected.Score, actual.GetProperty("score").GetString(), context);
        AssertDouble(expected.Ratio, actual.GetProperty("ratio").GetString(), context);
        Assert.Equal(expected.Flag, actual.GetProperty("flag").ValueKind == JsonValueKind.Null ? null : actual.GetProperty("flag").GetBoolean());
        Assert.Equal(expected.Blob is null ? null : Convert.ToHexString(expected.Blob), actual.GetProperty("blob").GetString());
        Assert.Equal(expected.N, actual.GetProperty("n").GetInt32());
    }

    private static void AssertDecimal(decimal? expected, JsonElement actual, string context)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
            return;
        }

        Assert.True(decimal.Parse(actual.GetString()!, CultureInfo.InvariantCulture) == expected.Value, $"{context}: expected {expected}, got {actual}");
    }

    private static void AssertDouble(double? expected, string? actual, string context)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        var parsed = actual switch
        {
            "nan" or "NaN" or "-nan" => double.NaN,
            "inf" or "Infinity" => double.PositiveInfinity,
            "-inf" or "-Infinity" => double.NegativeInfinity,
            _ => double.Parse(actual!, CultureInfo.InvariantCulture),
        };
        Assert.True(parsed.Equals(expected.Value) || (parsed == 0 && expected.Value == 0), $"{context}: expected {expected.Value:R}, got {actual}");
    }

    private static void AssertDouble(float? expected, string? actual, string context) => AssertDouble(expected is null ? null : (double?)(double)expected.Value, actual is null ? null : Round(actual), context);

    private static string Round(string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? ((double)f).ToString("R", CultureInfo.InvariantCulture) : text;
}

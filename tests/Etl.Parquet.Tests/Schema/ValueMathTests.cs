using Etl.Parquet.Schema;

namespace Etl.Parquet.Tests.Schema;

public sealed class ValueMathTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(9, 4)]
    [InlineData(18, 8)]
    [InlineData(19, 9)]
    [InlineData(38, 16)]
    public void BytesForPrecision_matches_parquet_table(int precision, int bytes) =>
        Assert.Equal(bytes, DecimalMath.BytesForPrecision(precision));

    [Fact]
    public void ToUnscaled_extra_fraction_digits_throws()
    {
        Assert.Equal(1234, DecimalMath.ToUnscaled(12.340m, 5, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalMath.ToUnscaled(12.345m, 5, 2));
    }

    [Fact]
    public void ToUnscaled_beyond_precision_throws()
    {
        Assert.Equal(-99999, DecimalMath.ToUnscaled(-999.99m, 5, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalMath.ToUnscaled(1000m, 5, 2));
    }

    [Fact]
    public void BigEndian_round_trip_keeps_sign()
    {
        var bytes = new byte[9];
        DecimalMath.WriteBigEndian(-12345678901234567, bytes);
        Assert.Equal(0xFF, bytes[0]);
        Assert.Equal(-12345678901234567, DecimalMath.ReadBigEndian(bytes));
        Assert.Equal(-123456789.01234567m, DecimalMath.FromUnscaled(DecimalMath.ReadBigEndian(bytes), 8));
    }

    [Fact]
    public void ToUnix_before_1970_rounds_down_to_whole_units()
    {
        var instant = DateTimeOffset.UnixEpoch.AddTicks(-1);
        Assert.Equal(-1, TemporalMath.ToUnix(instant, TimestampUnit.Millis));
        Assert.Equal(-1, TemporalMath.ToUnix(instant, TimestampUnit.Micros));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(-1), TemporalMath.FromUnix(-1, TimestampUnit.Millis));
    }

    [Fact]
    public void FromUnix_out_of_range_throws_overflow()
    {
        Assert.Throws<OverflowException>(() => TemporalMath.FromUnix(long.MaxValue, TimestampUnit.Millis));
        Assert.Equal(new DateOnly(1969, 12, 31), TemporalMath.FromDays(-1));
    }
}

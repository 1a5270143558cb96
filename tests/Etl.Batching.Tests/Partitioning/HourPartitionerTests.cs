using Etl.Batching.Partitioning;
using Etl.Batching.Tests.Support;
using Etl.Core.Columns;
using Etl.Core.Records;

namespace Etl.Batching.Tests.Partitioning;

public sealed class HourPartitionerTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 21, 23, 59, 0, TimeSpan.Zero);

    private static DecodedRecord Row(DateTimeOffset? ts) => new(
        CsvLikeDecoder.Version,
        CsvLikeDecoder.Schema,
        [1L, ts],
        new SourceRecord(ReadOnlyMemory<byte>.Empty, "pk", new StreamPosition("shard-0", "1"), Arrival));

    private static string PathOf(HourPartitioner partitioner, DateTimeOffset ts)
    {
        Assert.True(partitioner.TryGetPartition(Row(ts), out var partition, out var reason), reason?.Message);
        return partition.Path;
    }

    [Theory]
    [InlineData("2026-11-21T08:00:00Z", "dt=2026-11-21-08")]
    [InlineData("2026-11-21T08:59:59.999Z", "dt=2026-11-21-08")]
    [InlineData("2026-11-21T09:00:00Z", "dt=2026-11-21-09")]
    [InlineData("2026-11-21T10:30:00+02:00", "dt=2026-11-21-08")]
    [InlineData("1969-12-31T23:59:59Z", "dt=1969-12-31-23")]
    public void TryGetPartition_utc_namesTheEventHour(string ts, string path) =>
        Assert.Equal(path, PathOf(new HourPartitioner("ts"), DateTimeOffset.Parse(ts, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ForTime_interleavedHours_eachRecordGetsItsOwnHour()
    {
        var partitioner = new HourPartitioner("ts");
        var eight = new DateTimeOffset(2026, 11, 21, 8, 10, 0, TimeSpan.Zero);

        var paths = new[] { 0, 55, 65, 5, 119, 120, -1 }.Select(m => partitioner.ForTime(eight.AddMinutes(m)).Path).ToList();

        Assert.Equal(["dt=2026-11-21-08", "dt=2026-11-21-09", "dt=2026-11-21-09", "dt=2026-11-21-08", "dt=2026-11-21-10", "dt=2026-11-21-10", "dt=2026-11-21-08"], paths);
        Assert.Same(partitioner.ForTime(eight), partitioner.ForTime(eight.AddMinutes(1)));
    }

    [Fact]
    public void ForTime_halfHourOffsetZone_hoursStartAtTheLocalHour()
    {
        var partitioner = new HourPartitioner("ts", TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

        // 02:29 UTC is 07:59 in India, 02:30 UTC is 08:00.
        var before = partitioner.ForTime(new DateTimeOffset(2026, 11, 21, 2, 29, 59, TimeSpan.Zero));
        var after = partitioner.ForTime(new DateTimeOffset(2026, 11, 21, 2, 30, 0, TimeSpan.Zero));

        Assert.Equal("dt=2026-11-21-07", before.Path);
        Assert.Equal("dt=2026-11-21-08", after.Path);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 2, 30, 0, TimeSpan.Zero), after.HourStart);
    }

    [Fact]
    public void ForTime_daylightSavingZone_followsTheLocalClockAcrossBothChanges()
    {
        var partitioner = new HourPartitioner("ts", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        // Spring forward on 2026-03-29: 00:59 UTC is 01:59 CET, 01:00 UTC is 03:00 CEST (02:xx never exists).
        Assert.Equal("dt=2026-03-29-01", partitioner.ForTime(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)).Path);
        Assert.Equal("dt=2026-03-29-03", partitioner.ForTime(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)).Path);

        // Fall back on 2026-10-25: 02:xx local happens twice (00:xx and 01:xx UTC), both in the local hour 02.
        Assert.Equal("dt=2026-10-25-02", partitioner.ForTime(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)).Path);
        Assert.Equal("dt=2026-10-25-02", partitioner.ForTime(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero)).Path);
        Assert.Equal("dt=2026-10-25-03", partitioner.ForTime(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero)).Path);
    }

    [Fact]
    public void ForTime_yearMonthDayHourLayout_namesFourKeys()
    {
        var partitioner = new HourPartitioner(null, layout: PartitionLayout.YearMonthDayHour);

        var partition = partitioner.ForTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal(["ingest_year", "ingest_month", "ingest_day", "ingest_hour"], partitioner.PartitionKeys);
        Assert.Equal(["2026", "01", "02", "03"], partition.Values);
        Assert.Equal("ingest_year=2026/ingest_month=01/ingest_day=02/ingest_hour=03", partition.Path);
    }

    [Fact]
    public void TryGetPartition_arrivalTime_usesTheSourceTimestamp()
    {
        Assert.True(new HourPartitioner(null).TryGetPartition(Row(null), out var partition, out _));

        Assert.Equal("dt=2026-11-21-23", partition.Path);
    }

    [Fact]
    public void TryGetPartition_nullEventTime_isABadEventTime()
    {
        Assert.False(new HourPartitioner("ts").TryGetPartition(Row(null), out _, out var reason));

        Assert.Equal(DeadLetterKind.BadEventTime, reason!.Kind);
        Assert.Equal("$.ts", reason.FieldPath);
    }

    [Fact]
    public void TryGetPartition_fieldThatIsNotATimestamp_isABadEventTimeNamingTheSchema()
    {
        Assert.False(new HourPartitioner("id").TryGetPartition(Row(Arrival), out _, out var reason));

        Assert.Equal(DeadLetterKind.BadEventTime, reason!.Kind);
        Assert.Contains("no timestamp column 'id'", reason.Message, StringComparison.Ordinal);
        Assert.Equal(ColumnKind.Int64, CsvLikeDecoder.Schema.Columns[0].Type.Kind);
    }
}

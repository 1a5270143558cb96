using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Batching.Partitioning;
using Etl.Batching.Tests.Support;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Batching.Tests.Buffers;

public sealed class LateRecordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly HourPartitioner _partitioner = new("ts");
    private readonly ShardProgress _shard = new("shard-0", ShardState.Empty);
    private long _sequence;

    private void Add(BufferSet buffers, DateTimeOffset eventTime, DateTimeOffset now)
    {
        var position = new StreamPosition("shard-0", (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var row = new DecodedRecord(CsvLikeDecoder.Version, CsvLikeDecoder.Schema, [_sequence, eventTime], new SourceRecord(ReadOnlyMemory<byte>.Empty, "pk", position, now));
        Assert.True(_partitioner.TryGetPartition(row, out var partition, out _));
        buffers.AddData(_shard, BufferKeys.Data(partition, row.SchemaVersion), partition, row, now);
        _shard.LastRead = position;
    }

    [Fact]
    public void TakeExpired_recordsOfAnHourPastLateAfter_waitLateMaxAgeInOneBuffer()
    {
        var buffers = new BufferSet(new BufferingOptions { MaxAge = TimeSpan.FromMinutes(1), LateAfter = TimeSpan.FromHours(2), LateMaxAge = TimeSpan.FromMinutes(15) });

        // 08:xx ended at 09:00, three hours before now: late. 11:xx is current.
        for (var i = 0; i < 10; i++)
        {
            Add(buffers, Now.AddHours(-4).AddMinutes(5 + i), Now.AddSeconds(i * 20));
            Add(buffers, Now.AddMinutes(-30), Now.AddSeconds(i * 20));
        }

        Assert.Equal(2, buffers.Count);
        var current = Assert.Single(buffers.TakeExpired(Now.AddMinutes(2)));
        Assert.False(current.IsLate);
        Assert.Equal("dt=2026-11-21-11", current.Partition.Path);
        Assert.Empty(buffers.TakeExpired(Now.AddMinutes(14)));

        var late = Assert.Single(buffers.TakeExpired(Now.AddMinutes(15)));
        Assert.True(late.IsLate);
        Assert.Equal("dt=2026-11-21-08", late.Partition.Path);
        Assert.Equal(10, late.Count);
    }

    [Fact]
    public void AddData_hourWithinLateAfter_isNotLate()
    {
        var buffers = new BufferSet(new BufferingOptions { MaxAge = TimeSpan.FromMinutes(1), LateAfter = TimeSpan.FromHours(2) });

        // 09:xx ended at 10:00, two hours before now: still within the window.
        Add(buffers, Now.AddHours(-3).AddMinutes(30), Now);

        Assert.False(Assert.Single(buffers.TakeExpired(Now.AddMinutes(1))).IsLate);
    }

    [Fact]
    public void TakeFull_openBufferLimit_writesCurrentHoursBeforeLateOnes()
    {
        var buffers = new BufferSet(new BufferingOptions { MaxOpenBuffers = 2 });
        Add(buffers, Now.AddDays(-1), Now);
        Add(buffers, Now.AddMinutes(-10), Now.AddSeconds(1));
        Add(buffers, Now.AddMinutes(10), Now.AddSeconds(2));

        var (evicted, reason) = Assert.Single(buffers.TakeFull());

        Assert.Equal(RotationReason.PartitionLimit, reason);
        Assert.Equal("dt=2026-11-21-11", evicted.Partition.Path);
        Assert.Equal(2, buffers.Count);
    }

    [Fact]
    public void EffectiveLateMaxAge_isNeverBelowMaxAge() =>
        Assert.Equal(TimeSpan.FromDays(1), new BufferingOptions { MaxAge = TimeSpan.FromDays(1), LateMaxAge = TimeSpan.FromMinutes(15) }.EffectiveLateMaxAge);
}

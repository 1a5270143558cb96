using System.Globalization;
using Etl.Core.Columns;
using Etl.Core.Records;

namespace Etl.Batching.Partitioning;

/// <summary>
/// Assigns each record to the hour of its event time (a timestamp column of the record) or of its arrival time,
/// in a configured time zone. It declares its partition columns; the catalog takes them from here.
/// </summary>
public sealed class HourPartitioner
{
    private readonly string? _eventTimeField;
    private readonly TimeZoneInfo _zone;
    private readonly PartitionLayout _layout;

    /// <summary>Hour intervals are exactly one hour long only in zones without daylight-saving rules.</summary>
    private readonly bool _fixedOffset;

    /// <summary>The partition last computed (records mostly arrive in the same hour); read and replaced atomically.</summary>
    private HourPartition? _last;

    /// <param name="eventTimeField">The timestamp column to partition by; null partitions by arrival time.</param>
    /// <param name="zone">The time zone whose hours name the partitions (UTC by default).</param>
    /// <param name="layout">The folder layout.</param>
    public HourPartitioner(string? eventTimeField, TimeZoneInfo? zone = null, PartitionLayout layout = PartitionLayout.Dt)
    {
        _eventTimeField = eventTimeField;
        _zone = zone ?? TimeZoneInfo.Utc;
        _layout = layout;
        _fixedOffset = _zone.GetAdjustmentRules().Length == 0;
        PartitionKeys = layout == PartitionLayout.Dt
            ? ["dt"]
            : ["ingest_year", "ingest_month", "ingest_day", "ingest_hour"];
    }

    /// <summary>The partition column names, in order; all are strings.</summary>
    public IReadOnlyList<string> PartitionKeys { get; }

    /// <summary>The event-time field, or null when partitioning by arrival time.</summary>
    public string? EventTimeField => _eventTimeField;

    /// <summary>Athena partition projection parameters describing this layout (date type, hourly).</summary>
    public (string Format, string Template) ProjectionFormat =>
        _layout == PartitionLayout.Dt ? ("yyyy-MM-dd-HH", "dt=${dt}") : ("yyyy", "ingest_year=${ingest_year}/ingest_month=${ingest_month}/ingest_day=${ingest_day}/ingest_hour=${ingest_hour}");

    /// <summary>The partition of a decoded record, or the reason it has no usable event time.</summary>
    public bool TryGetPartition(DecodedRecord record, out HourPartition partition, out DeadLetterReason? reason)
    {
        DateTimeOffset time;
        if (_eventTimeField is null)
        {
            time = record.Source.ArrivalTime;
        }
        else
        {
            var index = record.Schema.IndexOf(_eventTimeField);
            if (index < 0 || record.Schema.Columns[index].Type.Kind != ColumnKind.Timestamp)
            {
                partition = null!;
                reason = new DeadLetterReason(
                    DeadLetterKind.BadEventTime,
                    $"schema {record.SchemaVersion} has no timestamp column '{_eventTimeField}' to partition by",
                    "$." + _eventTimeField);
                return false;
            }

            if (record.Values[index] is not DateTimeOffset value)
            {
                partition = null!;
                reason = new DeadLetterReason(DeadLetterKind.BadEventTime, $"event time '{_eventTimeField}' is null", "$." + _eventTimeField);
                return false;
            }

            time = value;
        }

        partition = ForTime(time);
        reason = null;
        return true;
    }

    /// <summary>The partition holding an instant.</summary>
    public HourPartition ForTime(DateTimeOffset time)
    {
        if (_fixedOffset && _last is { } last && time >= last.HourStart && time < last.HourStart.AddHours(1))
        {
            return last;
        }

        var partition = Compute(time);
        _last = partition;
        return partition;
    }

    private HourPartition Compute(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, _zone);
        var hourLocal = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
        var y = hourLocal.Year.ToString("D4", CultureInfo.InvariantCulture);
        var m = hourLocal.Month.ToString("D2", CultureInfo.InvariantCulture);
        var d = hourLocal.Day.ToString("D2", CultureInfo.InvariantCulture);
        var h = hourLocal.Hour.ToString("D2", CultureInfo.InvariantCulture);
        return _layout == PartitionLayout.Dt
            ? new HourPartition(hourLocal.ToUniversalTime(), [$"{y}-{m}-{d}-{h}"], $"dt={y}-{m}-{d}-{h}")
            : new HourPartition(
                hourLocal.ToUniversalTime(),
                [y, m, d, h],
                $"ingest_year={y}/ingest_month={m}/ingest_day={d}/ingest_hour={h}");
    }
}

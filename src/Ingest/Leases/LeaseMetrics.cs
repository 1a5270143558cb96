using System.Diagnostics.Metrics;
using Etl.Core.Telemetry;

namespace Etl.Ingest.Leases;

/// <summary>
/// Lease instruments on the process-wide "Etl" meter (<see cref="EtlTelemetry.Meter"/>), tagged with <c>worker</c>:
/// etl.ingest.leases.taken (take of an unowned or expired lease), etl.ingest.leases.stolen,
/// etl.ingest.leases.lost (renewal or conditional write failed), etl.ingest.leases.renewals,
/// etl.ingest.leases.cleaned (finished parent leases deleted), etl.ingest.checkpoints.
/// </summary>
internal static class LeaseMetrics
{
    public static readonly Counter<long> Taken = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.leases.taken", "{lease}", "Leases taken (unowned or expired).");
    public static readonly Counter<long> Stolen = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.leases.stolen", "{lease}", "Leases stolen from a more loaded worker.");
    public static readonly Counter<long> Lost = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.leases.lost", "{lease}", "Leases lost (renewal or conditional write failed).");
    public static readonly Counter<long> Renewals = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.leases.renewals", "{renewal}", "Successful lease renewals.");
    public static readonly Counter<long> Cleaned = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.leases.cleaned", "{lease}", "Finished parent leases deleted.");
    public static readonly Counter<long> Checkpoints = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.checkpoints", "{checkpoint}", "Checkpoint writes that succeeded.");

    public static KeyValuePair<string, object?> Worker(string workerId) => new("worker", workerId);
}

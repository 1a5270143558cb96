using System.Diagnostics.Metrics;

namespace Etl.Core.Telemetry;

/// <summary>
/// The service's one meter name, "Etl". Instruments that live for the whole process (the Kinesis readers' and the
/// lease coordinator's, <c>etl.ingest.*</c>) are created on <see cref="Meter"/>; the pipeline's instruments
/// (<c>etl.pipeline.*</c>) are created on a meter of the same name from each host's <c>IMeterFactory</c>, so two
/// hosts in one process keep their counts apart. Instrument names, units and tags are documented in
/// docs/operations.md and docs/kinesis.md.
/// </summary>
public static class EtlTelemetry
{
    /// <summary>The name of every meter of the service.</summary>
    public const string MeterName = "Etl";

    /// <summary>The process-wide meter for static instruments (its <see cref="Meter.Scope"/> is null).</summary>
    public static readonly Meter Meter = new(MeterName);
}
